"""Shared pytest fixtures. Keep additions small and named after what they hold."""
