"""The word lists of ``graphkit extract``, declared once.

Everything the extractor recognises by its wording lives here: the cues of each
relation (Chinese and English), the role titles with their English form and
``role_category``, the words that count unnamed people, numerals, the words of
coreference and the suffixes that mark an organisation. The rules in
:mod:`graphkit.extract.entities` and :mod:`graphkit.extract.extract` read these
lists and compile them into patterns; they hold no vocabulary of their own.

A cue is written as a plain phrase. English phrases are matched on word
boundaries and case-insensitively; Chinese phrases as substrings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# ----------------------------------------------------------------- relation cues
# Each relation: {"zh": [...], "en": [...]}. A longer phrase wins over a shorter
# one that it contains (e.g. "has joined" over "joined").

DEPARTURE = {
    "zh": [
        "离职",
        "离开",
        "出走",
        "离任",
        "卸任",
        "辞职",
        "辞任",
        "辞去",
        "告别",
        "不再担任",
        "不再兼任",
        "退出",
    ],
    "en": [
        "left",
        "leaves",
        "leaving",
        "has left",
        "have left",
        "had left",
        "to leave",
        "will leave",
        "stepped down",
        "steps down",
        "step down",
        "stepping down",
        "departed",
        "departs",
        "resigned",
        "resigns",
        "quit",
        "quits",
        "exited",
        "has gone",
        "walked away",
    ],
}

JOIN = {
    "zh": ["加入", "加盟", "入职", "回归", "出任", "重新回到", "回到", "就职于", "转投", "投奔"],
    "en": [
        "joined",
        "has joined",
        "have joined",
        "joins",
        "joining",
        "to join",
        "will join",
        "moved to",
        "went to",
        "returned to",
        "rejoined",
        "has rejoined",
        "signed on with",
        "hired by",
        "followed",
        "started at",
        "starts at",
        "will start at",
        "began at",
        "moved over to",
    ],
}

FOUNDING = {
    "zh": ["创业", "创立", "成立", "创办", "联合创立", "联合创办", "自立门户", "新公司"],
    "en": [
        "founded",
        "co-founded",
        "cofounded",
        "has founded",
        "has co-founded",
        "started",
        "start",
        "launched",
        "launch",
        "set up",
        "to found",
        "to launch",
        "to start",
        "is building",
        "building",
        "own venture",
        "own company",
        "own start-up",
        "own startup",
    ],
}

# An organisation hires a person (the person is the object): JOINED person -> organisation.
HIRE = {
    "zh": ["聘请", "聘任", "招募了", "迎来", "引入了"],
    "en": [
        "hired",
        "has hired",
        "hires",
        "recruited",
        "has recruited",
        "poached",
        "has poached",
        "brought in",
        "lured",
    ],
}

# An organisation loses a person (the person is the object, "Corvane lost its head of
# sales, Ben Adeyemi"): the person's stint there ends.
LOSS = {
    "zh": ["失去了", "痛失", "流失了"],
    "en": ["lost", "has lost", "have lost", "had lost", "loses", "is losing", "was losing"],
}

# A new role (at the same or another organisation): a stint that starts.
APPOINTMENT = {
    "zh": ["改任", "升任", "晋升为", "接任", "转任", "被任命为", "任命为", "提拔为"],
    "en": [
        "was promoted to",
        "has been promoted to",
        "promoted to",
        "was named",
        "has been named",
        "was appointed",
        "has been appointed",
        "appointed",
        "became",
        "has become",
        "took over as",
        "takes over as",
    ],
}

# The venture words after a founding cue: "start her own venture", "创业项目".
VENTURE_WORDS = {
    "zh": ["创业项目", "新公司", "初创公司", "创业公司"],
    "en": ["venture", "start-up", "startup", "company", "business", "firm", "lab"],
}

INVESTMENT = {
    "zh": ["投资支持", "投资方", "投资", "领投", "跟投", "注资", "支持下", "入股", "参投"],
    "en": [
        "backed",
        "backed by",
        "backing",
        "to back",
        "invested in",
        "invests in",
        "investment from",
        "led the round",
        "led the seed round",
        "led",
        "funded",
        "funded by",
        "took a stake",
        "taken a minority stake",
        "taken a stake",
        "minority stake",
        "put in",
        "stake in",
        "took part",
        "participated",
        "co-invested",
    ],
}

RECRUITING = {
    "zh": [
        "挖角",
        "挖人",
        "尝试挖角",
        "试图挖角",
        "尝试挖",
        "试图挖",
        "试图招揽",
        "招揽",
        "邀请加盟",
        "游说",
    ],
    "en": [
        "tried to poach",
        "tried to hire",
        "tried to lure",
        "tried to recruit",
        "attempted to hire",
        "sought to hire",
        "approached",
        "courted",
        "made an offer",
        "an offer to",
        "tried to woo",
    ],
}

# Words that make a recruiting attempt, a departure or an arrival "reported".
REPORTED = {
    "zh": ["据报道", "被曝", "传出", "据悉", "消息称", "据传", "传闻", "知情人士", "据了解", "援引"],
    "en": [
        "reportedly",
        "is said to",
        "are said to",
        "was said to",
        "according to reports",
        "is reported to",
        "are reported to",
        "was reported",
        "people familiar",
        "sources said",
        "people close to",
        "rumoured",
        "rumored",
    ],
}

# A person who says something is its speaker, not the one who moves ("分析师张强认为，…离开市场").
SPEECH = {
    "zh": [
        "认为",
        "表示",
        "称",
        "指出",
        "说",
        "透露",
        "介绍",
        "预计",
        "强调",
        "坦言",
        "直言",
        "提到",
        "分析",
    ],
    "en": [
        "said",
        "says",
        "told",
        "believes",
        "argued",
        "argues",
        "noted",
        "added",
        "wrote",
        "warned",
        "thinks",
        "expects",
        "predicted",
    ],
}
# What follows a Chinese departure cue that is a noun, not a move: "离职时间", "离职原因".
ZH_DEPARTURE_NOUN_TAILS = (
    "潮",
    "率",
    "时间",
    "日期",
    "原因",
    "消息",
    "传闻",
    "一事",
    "细节",
    "补偿",
    "手续",
    "协议",
)
# What a departure cue is not followed by when it is no one's departure ("离开市场", "left little doubt").
ZH_NOT_LEFT = (
    "市场",
    "行业",
    "领域",
    "舞台",
    "赛道",
    "牌桌",
    "中国",
    "美国",
    "国内",
    "海外",
    "北京",
    "上海",
    "深圳",
)
EN_LEFT_OBJECT = re.compile(
    r"\s*(?:$|[,.;:!?)\]'\"”’—–-]|[A-Z0-9]|(?:the\s+(?:company|firm|startup|start-up|lab|group|business|board|"
    r"team|post|role|job|position|organisation|organization)|in|on|at|after|before|last|earlier|this|that|to|for|as|and|"
    r"but|when|amid|over|because|following|shortly|recently|quietly|abruptly|months?|weeks?|days?|years?|his|her|their|"
    r"its|with|without|about|around|only|just|late|early)\b)"
)

# Company events (events.csv): a strategic pivot, a funding round.
EVENTS = {
    "pivot": {
        "zh": ["转向", "放弃", "裁撤", "转型", "暂停了", "押注", "聚焦于", "战略调整"],
        "en": [
            "pivoted",
            "pivot",
            "pivots",
            "shifted focus",
            "abandoning",
            "abandoned",
            "dropped",
            "drops",
            "wind down",
            "winding down",
            "shut down",
            "to concentrate on",
        ],
    },
    "funding": {
        "zh": ["完成了", "完成", "宣布完成", "获得了", "获得"],
        "en": ["raised", "raises", "has raised", "closed a", "closed its"],
    },
}
# A funding event needs one of these nearby (a round, an amount), else it is not one.
FUNDING_MARKERS = {
    "zh": ["轮融资", "融资"],
    "en": ["round"],
}

# A pronoun or a phrase that names an entity mentioned before.
COREFERENCE = {
    "org": {
        "zh": ["该公司", "该企业", "这家公司", "公司方面", "后者", "前者", "老东家", "其"],
        "en": ["the company", "the firm", "the startup", "the start-up", "the lab", "its", "it"],
    },
    "person": {
        "zh": ["他", "她", "此人"],
        "en": ["he", "she", "him", "her", "his"],
    },
    # several people just named ("Within weeks they had founded ...", "二人随后创办")
    "people": {
        "zh": ["他们", "她们", "二人", "两人", "三人", "这两人", "这三人"],
        "en": ["they", "the pair", "the two", "the duo", "the trio", "the three", "both men", "both women"],
    },
}

# "Besides A and B, ...", "除A和B外": the people named are not the ones the clause is about.
BESIDES = {
    "zh": re.compile(r"除(?:了)?([^，,。；;]{1,40}?)(?:之外|以外|外)"),
    "en": re.compile(
        r"\b(?:besides|apart from|aside from|other than|in addition to)\s+([^,;.]{1,80}?)(?=,|;|$)",
        re.IGNORECASE,
    ),
}

# An organisation whose people comment on moves rather than make them (analysts,
# consultancies, brokers): a role there is no executive's stint to record.
OBSERVER_ORG_SUFFIXES = {
    "zh": ["咨询", "证券", "研究所", "智库", "律师事务所", "会计师事务所"],
    "en": [
        "Research",
        "Advisory",
        "Advisors",
        "Advisers",
        "Consulting",
        "Consultancy",
        "Securities",
        "Insights",
    ],
}

# "X系": people of a company's background ("搜狗系核心高管").
BACKGROUND_SUFFIX = "系"

# ------------------------------------------------------------------------ roles


@dataclass(frozen=True)
class Role:
    zh: tuple[str, ...]
    en: tuple[str, ...]
    role_en: str
    categories: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        ("首席执行官", "CEO"),
        ("chief executive officer", "chief executive", "CEO"),
        "Chief executive officer",
        ("executive",),
    ),
    Role(
        ("首席运营官", "COO"),
        ("chief operating officer", "COO"),
        "Chief operating officer",
        ("executive", "commercial"),
    ),
    Role(
        ("首席技术官", "CTO"),
        ("chief technology officer", "chief technical officer", "CTO"),
        "Chief technology officer",
        ("executive", "technical"),
    ),
    Role(("首席战略官", "CSO"), ("chief strategy officer", "CSO"), "Chief strategy officer", ("executive",)),
    Role(
        ("首席财务官", "CFO"), ("chief financial officer", "CFO"), "Chief financial officer", ("executive",)
    ),
    Role(
        ("首席产品官", "CPO"),
        ("chief product officer", "CPO"),
        "Chief product officer",
        ("executive", "product"),
    ),
    Role(
        ("首席商务官", "CBO"),
        ("chief business officer", "CBO"),
        "Chief business officer",
        ("executive", "commercial"),
    ),
    Role(
        ("首席营销官", "CMO"),
        ("chief marketing officer", "CMO"),
        "Chief marketing officer",
        ("executive", "commercial"),
    ),
    Role(
        ("首席科学家",),
        ("chief scientist", "research chief", "chief research officer"),
        "Chief scientist",
        ("technical",),
    ),
    Role(
        ("技术副总裁",),
        (
            "vp of technology",
            "vice president of technology",
            "vp of engineering",
            "vice president of engineering",
        ),
        "VP of technology",
        ("executive", "technical"),
    ),
    Role(
        ("商业化合伙人",),
        ("commercialisation partner", "commercialization partner"),
        "Commercialisation partner",
        ("commercial", "executive"),
    ),
    Role(
        ("商业化副总裁",),
        ("vp of sales", "vice president of sales", "commercial vice president"),
        "VP of commercialisation",
        ("executive", "commercial"),
    ),
    Role(
        ("商业化负责人",),
        ("head of commercialisation", "head of commercialization", "head of sales", "sales chief"),
        "Head of commercialisation",
        ("commercial",),
    ),
    Role(("高级副总裁",), ("senior vice president", "SVP"), "Senior vice president", ("executive",)),
    Role(("副总裁",), ("vice president", "VP"), "Vice president", ("executive",)),
    Role(("董事长",), ("chairman", "chairwoman", "chair"), "Chairman", ("executive",)),
    Role(("总裁",), ("president",), "President", ("executive",)),
    Role(("总经理",), ("general manager", "managing director"), "General manager", ("executive",)),
    Role(("合伙人",), ("partner",), "Partner", ("executive",)),
    Role(("联合创始人",), ("co-founder", "cofounder"), "Co-founder", ("founder",)),
    Role(("创始人",), ("founder",), "Founder", ("founder",)),
    Role(
        ("产品负责人",), ("head of product", "product chief", "product lead"), "Head of product", ("product",)
    ),
    Role(("产品经理",), ("product manager",), "Product manager", ("product",)),
    Role(
        ("技术负责人",),
        ("head of technology", "technical lead", "head of engineering"),
        "Head of technology",
        ("technical",),
    ),
    Role(
        ("模型负责人", "模型训练负责人"), ("head of models", "model lead"), "Head of models", ("technical",)
    ),
    Role(
        ("研发负责人",),
        ("head of r&d", "head of research", "research lead", "head of ai"),
        "Head of R&D",
        ("technical",),
    ),
    Role(("算法负责人",), ("head of algorithms",), "Head of algorithms", ("technical",)),
    Role(
        ("研究院院长",),
        ("head of the research institute",),
        "Head of the research institute",
        ("technical", "executive"),
    ),
    Role(("核心开发者",), ("core developer",), "Core developer", ("technical",)),
    Role(("核心高管",), ("core executive", "senior executive"), "Core executive", ("executive",)),
    Role(("总监",), ("director",), "Director", ("executive",)),
    Role(("负责人",), ("head",), "Head", ("executive",)),
    Role(("高管",), ("executive", "senior leader"), "Executive", ("executive",)),
    Role(("科学家",), ("scientist",), "Scientist", ("technical",)),
    Role(("研究员",), ("researcher",), "Researcher", ("technical",)),
    Role(("工程师",), ("engineer",), "Engineer", ("technical",)),
    Role(("开发者",), ("developer",), "Developer", ("technical",)),
)

# Words that may stand before a role title and belong to it ("大模型产品负责人",
# "视频生成模型负责人", "出海产品负责人"); they are not part of an organisation's name.
ROLE_MODIFIERS = {
    "zh": [
        "大模型",
        "视频生成",
        "多模态",
        "出海",
        "海外",
        "国际",
        "中国区",
        "全球",
        "技术",
        "商业化",
        "算法",
        "数据平台",
        "数据",
        "基础",
        "语言",
        "视觉",
        "语音",
        "产品",
        "业务",
        "市场",
        "销售",
        "战略",
        "生态",
        "高级",
        "资深",
        "核心",
        "执行",
        "医学影像团队",
        "团队",
        "研究",
        "研发",
        "训练",
        "平台",
        "云",
        "AI",
    ],
    "en": [
        "senior",
        "former",
        "executive",
        "global",
        "regional",
        "interim",
        "acting",
        "deputy",
        "lead",
        "principal",
        "staff",
        "research",
        "product",
        "technical",
        "engineering",
        "commercial",
        "sales",
        "marketing",
        "data",
        "model",
        "platform",
        "ai",
    ],
}
# A prefix before a role that says "former" ("前CTO", "原首席运营官", "former COO").
FORMER = {"zh": ["前", "原"], "en": ["former", "ex-", "onetime", "one-time"]}


def _words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


# ------------------------------------------------------------ unnamed, numerals

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
EN_NUMBERS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
}
EN_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
# Measure words after a Chinese count of people ("3位", "两名").
ZH_PERSON_MEASURES = ("位", "名")
# Nouns for counted people in English ("two colleagues", "another executive").
EN_PEOPLE_NOUNS = (
    "colleagues",
    "colleague",
    "co-founders",
    "co-founder",
    "cofounders",
    "cofounder",
    "executives",
    "executive",
    "leaders",
    "leader",
    "engineers",
    "engineer",
    "researchers",
    "researcher",
    "managers",
    "manager",
    "leads",
    "lead",
    "people",
    "staff",
    "members",
    "vice presidents",
    "vice president",
    "directors",
    "director",
    "officers",
    "employees",
)
# Words that say "more people" beyond those named: 另一位, 另外两位, 另有两名; "another
# executive", "a third executive", "two other engineers" (see :func:`counting`).
ZH_MORE = ("另外", "另有", "另")
EN_MORE = ("another", "a second", "a third", "a fourth", "a fifth")
# Words that say "together with N others": 与另外两位同事一起创办, "with two colleagues".
ZH_WITH = ("与", "和", "同", "带领", "带着")
EN_WITH = ("with", "alongside", "together with", "along with")

# Nouns that name a group of companies with a count: "六小虎", "六小龙", "新四强".
ZH_GROUP = re.compile(
    r"(?:大模型|AI|人工智能)?(?:新)?[一二两三四五六七八九十]+(?:小[虎龙]|小强|强|巨头|大厂)"
)
_EN_GROUP_COUNT = r"(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozen)"
EN_GROUP = re.compile(
    r"\b(?:the\s+)?(?:so-called\s+)?((?:Big|Bay|Magnificent|Fab|Six|Five|Four|Seven)\s+[A-Z][a-z]+|(?:six|five|four|seven)\s+(?:tigers|dragons)"
    # "the Frontier Five", "the so-called Quiet Six": a name that ends with a count, after "the"
    rf"|(?:(?<=[Tt]he\s)|(?<=so-called\s))[A-Z][a-z]+\s+{_EN_GROUP_COUNT})\b"
)
# "这五家公司", "等五家企业", "these five companies"
ZH_GROUP_LIST_TAIL = re.compile(r"(?:这|等|这些|共)([一二两三四五六七八九十\d]*)家(?:公司|企业|厂商|独角兽)")

# ----------------------------------------------------------------- organisations

ORG_SUFFIXES = {
    "zh": [
        "智能",
        "科技",
        "集团",
        "资本",
        "创投",
        "基金",
        "投资",
        "工场",
        "实验室",
        "研究院",
        "网络",
        "银行",
        "汽车",
        "电子",
        "控股",
        "云",
        "资管",
        "证券",
        "传媒",
    ],
    "en": [
        "Inc",
        "Inc.",
        "Labs",
        "Lab",
        "AI",
        "Technologies",
        "Technology",
        "Capital",
        "Ventures",
        "Group",
        "Partners",
        "Holdings",
        "Systems",
        "Robotics",
        "Intelligence",
        "Corp",
        "Corp.",
        "Corporation",
        "Ltd",
        "Ltd.",
        "LLC",
        "Fund",
        "Investments",
        "Research",
        "Software",
        "Networks",
        "Cloud",
        "Bank",
        "Motors",
        "Semiconductor",
        "Studio",
        "Studios",
        "Analytics",
        "Dynamics",
        "Health",
        "Media",
    ],
}
# An organisation whose name ends so is an investor, not an employer.
INVESTOR_SUFFIXES = {
    "zh": ["资本", "创投", "基金", "投资", "工场", "资管"],
    "en": ["Capital", "Ventures", "Partners", "Fund", "Investments"],
}

# Words that are never an entity name (Chinese: a candidate equal to one is dropped).
ZH_NOT_NAMES = _words(
    """公司 企业 大厂 国内 目前 该公司 行业 业内 此次 这些 这家 那家 其中 团队 双方 后者 前者 老东家 东家 外界 方面
    此前 之后 随后 今年 去年 明年 本月 上月 上个月 当月 年内 目前 近日 日前 此外 同时 然而 但是 例如 比如 包括
    大模型 模型 人工智能 独角兽 创业 项目 高管 核心 市场 中国 美国 全球 海外 国际 记者 分析师 投资人 知情人士
    新公司 初创公司 创业公司 该企业 管理层 研究院 实验室 部门 业务 产品 技术 商业化 资本 创投 基金 投资
    他们 她们 我们 大家 有人 一位 一名 两位 两名 其他 另外 另有 不少 多位 数位 部分 小模型 一家
    领域 赛道 方向 人才 生态 场景 产业 用户 客户 医院 高校 政府 领导 员工 同事 平台 应用 算力 数据 资金 融资
    战略 行业内 头部 巨头 厂商 机构 组织 集团 总部 官方 对此 消息 报道 媒体 社区 开源 通用 垂直"""
)
# A candidate organisation name never ends with one of these generic nouns ("通用领域").
ZH_GENERIC_TAILS = tuple(
    sorted(
        _words(
            "领域 赛道 方向 市场 人才 生态 场景 产业 用户 客户 团队 部门 业务 产品 模型 项目 应用 能力 成本 趋势 阶段 模式"
        )
    )
)
EN_NOT_NAMES = _words(
    """The A An In On At By For From To Of And But Or As If Its It He She They His Her Their We Our This That These
    Those There Here When While After Before Since During Last Next Late Early Earlier Later Now Then Also Still
    Yet However Meanwhile According Chief Head Vice President Senior Former Co Founder CEO CTO COO CFO CSO CPO CMO
    VP SVP AI LLM GPU Research Dr Mr Ms Mrs Prof Sources People Analysts Analyst Company Firm Start Startup
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Fall Winter Beijing Shanghai Shenzhen
    Hangzhou China Chinese US America American Silicon Valley Singapore Europe Asia Japan Korea India London
    New York Paris Berlin Tokyo Hong Kong Taiwan Bay Area Both Each Some Many Most Few Several One Two Three
    Four Five Six Seven Eight Nine Ten Another Other Quarter Half Year Month Week Day Today Yesterday Tomorrow
    Reuters Bloomberg"""
)

# Common Chinese surnames (single and double), to accept a 2-3 character person name.
ZH_SURNAMES = frozenset(
    [
        *"洪晏阎乐冀郁满储练禹谈伏贝井荆卓茅巴闻栗尉晁阚简饶鞠须丰巢蒯竺权逯盖桓仲伊宫宁栾暴钭厉戎符景束幸韶郜薄印宿怀邰鄂索咸籍赖蔺屠阴胥苍双莘贡劳逄扶堵宰郦雍璩濮寿扈燕郏浦充慕茹习宦鱼容慎戈庾暨居衡步耿弘匡寇禄阙殳沃蔚越夔隆厍聂訾融王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝",
        *(
            "欧阳",
            "司马",
            "上官",
            "诸葛",
            "东方",
            "皇甫",
            "令狐",
            "慕容",
            "尉迟",
            "长孙",
            "宇文",
            "司徒",
            "夏侯",
        ),
    ]
)
# Characters that end a Chinese name when a third character would follow: "张帆也于本月离职" -> 张帆.
ZH_AFTER_NAME = frozenset(
    "也于在等的和与及则已将曾被因是为从自还都均亦便就又所以并而称表说、，,。;；：:（(“”\"' 　随后今去本上此前原离加创出已正再重"
)
# Characters that cannot end a Chinese name (function words).
ZH_NOT_IN_NAME = frozenset("的了是在和与及等也于被为从自就都又并而其该这那个位名年月日")


# ------------------------------------------------------------- compiled forms


def _phrase_pattern(phrases: list[str] | tuple[str, ...], lang: str) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    if lang == "en":
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
        return re.compile(rf"(?<![A-Za-z0-9-])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile("|".join(re.escape(p) for p in ordered))


@cache
def cue_pattern(kind: str, lang: str) -> re.Pattern[str]:
    """The compiled cue phrases of a relation: departure, join, founding, investment,
    recruiting, reported, venture, or an event type (pivot, funding)."""
    table = {
        "departure": DEPARTURE,
        "join": JOIN,
        "founding": FOUNDING,
        "investment": INVESTMENT,
        "recruiting": RECRUITING,
        "appointment": APPOINTMENT,
        "hire": HIRE,
        "loss": LOSS,
        "reported": REPORTED,
        "venture": VENTURE_WORDS,
        "funding_marker": FUNDING_MARKERS,
        "speech": SPEECH,
    }
    phrases = table[kind][lang] if kind in table else EVENTS[kind][lang]
    return _phrase_pattern(phrases, lang)


@cache
def role_index(lang: str) -> dict[str, Role]:
    """Every role phrase of a language (lower-cased for English) -> its :class:`Role`."""
    out: dict[str, Role] = {}
    for role in ROLES:
        for phrase in role.zh if lang == "zh" else role.en:
            out.setdefault(phrase.lower() if lang == "en" else phrase, role)
    return out


@cache
def role_pattern(lang: str) -> re.Pattern[str]:
    """A role title with its modifiers, and chains of titles ("联合创始人、技术副总裁",
    "商业化合伙人兼副总裁", "co-founder and chief technology officer")."""
    core = sorted(role_index(lang), key=len, reverse=True)
    if lang == "zh":
        mods = "|".join(re.escape(m) for m in sorted(ROLE_MODIFIERS["zh"], key=len, reverse=True))
        one = rf"(?:{'|'.join(re.escape(f) for f in FORMER['zh'])})?(?:{mods})*(?:{'|'.join(re.escape(c) for c in core)})"
        return re.compile(rf"{one}(?:(?:、|兼|及|和|/){one})*")
    mods = "|".join(re.escape(m) for m in sorted(ROLE_MODIFIERS["en"], key=len, reverse=True))
    cores = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in core)
    low = r"(?!(?:at|and|in|for|with|to|from|on|of|the|who|which|has|had|was|is)\b)[a-z][a-z-]+"
    one = rf"(?:(?:{mods})\s+)*(?:{cores})s?(?:\s+of\s+(?:the\s+)?(?-i:{low}(?:\s+{low})?))?"
    return re.compile(
        rf"(?<![A-Za-z0-9-])(?:ex-)?{one}(?:\s*(?:,\s*)?(?:and|&|/)\s*{one})*(?![A-Za-z0-9])",
        re.IGNORECASE,
    )


def lookup_role(text: str, lang: str) -> Role | None:
    """The role of a role phrase: its head title (the one that ends last, the longest there)."""
    key = text.lower() if lang == "en" else text
    best: tuple[int, int, Role] | None = None
    for phrase, role in role_index(lang).items():
        p = phrase.lower() if lang == "en" else phrase
        at = key.rfind(p)
        if at >= 0:
            cand = (at + len(p), len(p), role)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else None


def roles_in(text: str, lang: str) -> list[Role]:
    """Every role of a chain, in order ("联合创始人、技术副总裁" -> co-founder, VP of technology)."""
    parts = re.split(r"、|兼|及|和|/" if lang == "zh" else r"\s*(?:,|\band\b|&|/)\s*", text)
    found = [lookup_role(p, lang) for p in parts if p.strip()]
    return [r for r in found if r is not None]


def parse_number(text: str) -> int | None:
    """3, "三", "十二", "两", "two", "a dozen" -> an int (None if not a number)."""
    t = text.strip().lower()
    if not t:
        return None
    if t.isdigit():
        return int(t)
    if t in EN_NUMBERS:
        return EN_NUMBERS[t]
    if all(ch in ZH_DIGITS or ch == "十" for ch in t):
        if "十" in t:
            tens, _, ones = t.partition("十")
            return (ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (ZH_DIGITS.get(ones, 0) if ones else 0)
        value = 0
        for ch in t:
            value = value * 10 + ZH_DIGITS[ch]
        return value
    return None


ZH_NUMBER = r"(?:\d+|[一二两三四五六七八九十]+)"
EN_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def _alt(words: tuple[str, ...] | list[str], lang: str) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") if lang == "en" else re.escape(w) for w in ordered)


@cache
def counting(lang: str) -> dict[str, re.Pattern[str]]:
    """The patterns of counted people, from the lists above. Group 1 is the number (or
    the ordinal), group 2 where a role or noun may stand.

    * ``count``: "3位核心高管", "three senior executives" (all of them, named or not);
    * ``more``: "另有一位副总裁", "another executive", "two other engineers" (beyond those named);
    * ``after_names``: "等三位出海产品负责人", "and two colleagues" (right after the names);
    * ``with``: "与另外两位同事一起", "with two colleagues" (who did it with them);
    * ``list_tail``: "等多位", "等三位" (the end of a list of names);
    * ``ordinal``: "第三位", "The third," (one more of an earlier count).
    """
    nouns = _alt(EN_PEOPLE_NOUNS, "en")
    m = "|".join(ZH_PERSON_MEASURES)
    if lang == "zh":
        return {
            "count": re.compile(rf"({ZH_NUMBER})(?:{m})([\u4e00-\u9fffA-Za-z]{{0,10}})"),
            "more": re.compile(rf"(?:{_alt(ZH_MORE, 'zh')})({ZH_NUMBER})(?:{m})()"),
            "after_names": re.compile(rf"等({ZH_NUMBER})(?:{m})()"),
            "with": re.compile(
                rf"(?:{_alt(ZH_WITH, 'zh')})(?:另外|其他|其余)?({ZH_NUMBER})(?:{m})([\u4e00-\u9fff]{{0,8}}?)(?:一起|一同|共同)?$"
            ),
            "list_tail": re.compile(rf"等(?:{ZH_NUMBER}|多|数|几)?(?:{m}|个)?"),
            "ordinal": re.compile(rf"(?:此外|另外)?[，,]?第([二三四五六七八九十])(?:{m}|个)"),
        }
    more = _alt(EN_MORE, "en")
    ords = "|".join(EN_ORDINALS)
    return {
        "count": re.compile(
            rf"\b({EN_NUMBER})\s+(?:(?:senior|top|other|more)\s+)*((?:[a-z-]+\s+)?(?:{nouns}))\b",
            re.IGNORECASE,
        ),
        "more": re.compile(
            rf"\b(?:{more}|({EN_NUMBER})\s+other)\s+((?:[a-z-]+\s+)?(?:{nouns}))\b", re.IGNORECASE
        ),
        "after_names": re.compile(
            rf"\s*(?:,\s*)?(?:and|{_alt(EN_WITH, 'en')})\s+({EN_NUMBER})\s+(?:other\s+)?((?:[a-z-]+\s+)?(?:{nouns}))\b",
            re.IGNORECASE,
        ),
        # "with two colleagues", "together with a third co-founder"
        "with": re.compile(
            rf"\b(?:{_alt(EN_WITH, 'en')})\s+({EN_NUMBER}|an?)\s+(?:other\s+|former\s+|{ords}\s+)*((?:[a-z-]+\s+)?(?:{nouns}))\b",
            re.IGNORECASE,
        ),
        "list_tail": re.compile(r"(?!)"),
        "ordinal": re.compile(
            rf"(?:The|A)\s+({'|'.join(EN_ORDINALS)})\b(?:\s+(?:one|person|executive|departure))?\s*,"
        ),
    }
