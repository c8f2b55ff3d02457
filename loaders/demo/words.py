"""The words the demo district is made of: streets, districts, departments, carriers, name parts.

Names of streets, departments, buildings and markets are those of 郑州市中原区;
the parts of enterprise, person and five-clears texts are ordinary ones,
drawn at random.
"""

from __future__ import annotations

__all__ = [
    "ASSOCIATIONS",
    "BRAND",
    "BUILDINGS",
    "BUILDING_SUFFIX",
    "CIVIL",
    "CULTURE",
    "DEMO_BRANDS",
    "DEPARTMENTS",
    "DISABLED",
    "DISTRICTS",
    "EDU",
    "GIVEN",
    "HEALTH",
    "HR",
    "INDIVIDUAL_KIND",
    "INDUSTRY",
    "INVESTOR",
    "MARKETS",
    "MATTERS",
    "MOBILE",
    "NO_DEMO",
    "NO_STATION",
    "NUMERALS",
    "OPERATION",
    "PARKS",
    "PARTY_STATUS",
    "REASON_FEW",
    "REASON_NONE",
    "REGION",
    "SMALL_KIND",
    "STREETS",
    "SURNAME",
    "WORKFORCE",
]

STREETS = [
    "林山寨",
    "建设路",
    "棉纺路",
    "秦岭路",
    "桐柏路",
    "三官庙",
    "绿东村",
    "汝河路",
    "航海西路",
    "中原西路",
    "西流湖",
    "须水",
    "莲湖",
    "柳湖",
]
NO_STATION = 13  # 柳湖: the street without a guidance station
NO_DEMO = 11  # 须水: the street without a demonstration site
DISTRICTS = [
    ("410102", "中原区"),
    ("410103", "二七区"),
    ("410104", "管城回族区"),
    ("410105", "金水区"),
    ("410106", "上街区"),
    ("410108", "惠济区"),
    ("410122", "中牟县"),
    ("410181", "巩义市"),
    ("410182", "荥阳市"),
    ("410183", "新密市"),
    ("410184", "新郑市"),
    ("410185", "登封市"),
]
DEPARTMENTS = [
    "区委办公室",
    "区政府办公室",
    "区委组织部",
    "区委宣传部",
    "区委统战部",
    "区纪委监委",
    "区发展和改革委员会",
    "区教育局",
    "区科技工业和信息化局",
    "区民政局",
    "区财政局",
    "区人力资源和社会保障局",
    "区住房和城乡建设局",
    "区商务局",
    "区文化广电和旅游体育局",
    "区卫生健康委员会",
    "区市场监督管理局",
    "区残疾人联合会",
    "区工商业联合会",
    "区城市管理局",
    "区应急管理局",
    "区审计局",
]
# positions in DEPARTMENTS of the departments that supervise social organisations
EDU, CIVIL, HR, CULTURE, HEALTH, DISABLED = 7, 9, 11, 14, 15, 17
BRAND = list(
    dict.fromkeys(
        "华鑫隆瑞泰丰盛嘉宏兴恒达源通联汇德信诚安康锦程博远中天正弘昌明晨光新蒲豫龙凯悦佳和美润祥合金"
        "鼎科创智云海启航宇星辰东方九州百川立邦众卓越富豪雅轩泽楚翔腾耀"
    )
)
INDUSTRY = [
    "科技",
    "商贸",
    "建筑工程",
    "物流",
    "餐饮管理",
    "信息技术",
    "电子商务",
    "物业服务",
    "文化传媒",
    "医药",
    "机械设备",
    "装饰工程",
    "网络科技",
    "环保科技",
    "食品",
    "服饰",
    "汽车服务",
    "广告",
    "房地产经纪",
    "教育咨询",
]
REGION = ["郑州", "河南", "郑州市中原区", "郑州"]
SMALL_KIND = ["商行", "工作室", "经营部", "贸易商行", "设计工作室", "咨询服务部"]
SURNAME = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉鹏飞宇浩然子轩欣怡晨阳俊峰志国海燕"
)
MOBILE = ["138", "139", "137", "136", "135", "186", "187", "188", "150", "151", "152", "158", "159", "189"]
BUILDINGS = ["锦艺城", "中原万达广场", "绿都广场", "中原新区总部大厦"]
BUILDING_SUFFIX = ["科技大厦", "商务中心", "金融大厦", "创业大厦", "财富中心", "国际大厦", "电商大厦"]
MARKETS = [
    "郑州华中食品城",
    "中原区汽配大市场",
    "陇海西路建材市场",
    "棉纺路商业街",
    "郑州西郊茶城",
    "中原区农副产品批发市场",
    "须水家居建材城",
    "中原电子商城",
]
PARKS = ["中原区电子商务产业园", "中原新区科技产业园", "须水都市工业园", "西流湖文化创意产业园"]
ASSOCIATIONS = [
    "中原区个体劳动者协会",
    "中原区物流商会",
    "中原区餐饮行业协会",
    "中原区建筑业协会",
    "中原区电子商务协会",
    "中原区商贸流通协会",
    "中原区民营企业商会",
    "中原区家政服务协会",
    "中原区汽车服务商会",
    "中原区文化创意产业协会",
]
OPERATION = ["正常经营", "经营稳定", "经营良好", "规模扩大中", "经营困难"]
WORKFORCE = ["职工队伍稳定", "以青年职工为主", "流动性较大", "技术骨干为主", "外来务工人员较多"]
PARTY_STATUS = ["党员组织关系已转入", "有流动党员", "党员作用发挥较好", "党员组织关系在原籍"]
INVESTOR = ["出资人为党员", "出资人非党员", "责任人为党员", "出资人为入党积极分子", "外地投资人"]
REASON_NONE = ["无正式党员", "暂无党员，已确定入党积极分子", "新成立单位，尚无党员"]
REASON_FEW = ["正式党员不足3名，待联合组建", "党员组织关系未转入"]
NUMERALS = "一二三四五六七八九十"
INDIVIDUAL_KIND = ["副食店", "茶叶店", "汽配商行", "建材经营部", "五金店", "粮油店", "服装店", "家电维修部"]
MATTERS = [
    "宣讲党的政策",
    "指导组织生活",
    "协助转接党员组织关系",
    "协调解决用工难题",
    "帮助对接融资",
    "指导换届选举",
    "了解经营情况",
    "协调办理证照",
    "推动党建阵地建设",
    "发展入党积极分子",
]
#: 特色品牌 of demonstration sites (一企一特色、一点一品牌); the seed's own first.
DEMO_BRANDS = [
    "五在党建",
    "党建带院建",
    "党建进总包合同",
    "红色引擎",
    "楼宇党建红色驿站",
    "党员先锋岗",
    "红色商圈",
    "初心服务站",
    "党建+诚信经营",
    "匠心党建",
]
