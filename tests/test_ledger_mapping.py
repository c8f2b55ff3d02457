"""A user mapping extends the schema's table and column names (loaders.ledger.mapping)."""

import pytest
from office_files import U1, write_csv

from graphkit.exceptions import ConfigError
from loaders import read_ledger


def test_mapping_extends_names(tmp_path):
    write_csv(
        tmp_path / "我的台账.csv",
        [["信用代码", "名称", "街道", "党员(人)", "自定义"], [U1, "甲", "S1", "4", "a"]],
    )
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[tables]\nunits = ["我的台账"]\n[columns.units]\nparty_members = ["党员(人)"]\n', "utf-8"
    )
    net = read_ledger(tmp_path / "我的台账.csv", mapping=mapping)
    assert net.units.loc[U1, "party_members"] == 4
    assert net.meta["unknown_columns"] == {"units": ["自定义"]}
    with pytest.raises(ConfigError, match="not known"):
        read_ledger(tmp_path, mapping={"columns": {"units": {"members_x": ["x"]}}})
