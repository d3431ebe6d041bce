"""graphkit.extract.text: reading an article, its language, its sentences."""

from __future__ import annotations

import time

import pytest
from helpers import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract.text import Sentence, detect_language, read_article, sentences
from graphkit.schema.errors import ReadError

SEED_ARTICLE = SEED / "000_e7104e947feaa275.txt"


def texts(article: str, lang: str) -> list[str]:
    return [s.text for s in sentences(article, lang)]


def check_offsets(article: str, found: list[Sentence]) -> None:
    """Each sentence is article[start:end], trimmed, non-empty, in order, not overlapping."""
    end = 0
    for s in found:
        assert s.text == article[s.start : s.end]
        assert s.text and s.text == s.text.strip() and s.start >= end
        end = s.end


# ------------------------------------------------------------------ read_article
def test_reads_utf8_exactly_as_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("第一行。\r\nSecond line.\n".encode())
    assert read_article(path) == "第一行。\r\nSecond line.\n"  # line endings kept: offsets index it


def test_drops_a_leading_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "今年1月离职。".encode())
    text = read_article(path)
    assert text == "今年1月离职。"
    assert sentences(text, "zh")[0].start == 0


def test_reads_gb18030(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("首席运营官张帆也于本月离职。".encode("gb18030"))
    assert read_article(str(path)) == "首席运营官张帆也于本月离职。"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", "\u3000\n".encode(), b"\xef\xbb\xbf\n"])
def test_an_empty_article_is_an_error(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_article(path)
    assert err.value.detail == "empty article: nothing to extract"
    assert err.value.file == str(path)


def test_a_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError, match="not a text file") as err:
        read_article(path)
    assert "CSV" not in str(err.value)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_reads_the_seed_article():
    text = read_article(SEED_ARTICLE)
    assert text.startswith("2025年上半年")
    assert detect_language(text) == "zh"


# ------------------------------------------------------------------ detect_language
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("以智谱为例,首席战略官张阔于今年1月离职。", "zh"),
        ("Zhang Kuo left Zhipu AI in January.", "en"),
        ("", "en"),
        ("2025-06-16 12:00 !!!", "en"),  # no letters
        ("智" * 9 + "a" * 81, "zh"),  # 9 of 90 letters: exactly 10%
        ("智" * 8 + "a" * 82, "en"),  # 8 of 90: under 10%
        ("MiniMax、DeepSeek和AI Agent：大模型六小虎", "zh"),
        ("The startup, 月之暗面 (Moonshot AI), raised money from investors last year.", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# ------------------------------------------------------------------ Chinese sentences
def test_chinese_splits_on_end_punctuation_and_semicolons():
    assert texts("他离职了。她也走了！为什么？因为;不知道；好!真的?是", "zh") == [
        "他离职了。",
        "她也走了！",
        "为什么？",
        "因为;不知道；",
        "好!",
        "真的?",
        "是",
    ]


@pytest.mark.parametrize("close", ["”", "」", "』", "）"])
def test_chinese_closing_quote_after_the_end_belongs_to_the_sentence(close):
    article = f"他说：“我走了。{close}然后离开。"
    assert texts(article, "zh") == [f"他说：“我走了。{close}", "然后离开。"]


def test_chinese_runs_of_end_punctuation_stay_together():
    assert texts("真的吗？！是的。。", "zh") == ["真的吗？！", "是的。。"]


def test_chinese_does_not_split_on_ascii_periods():
    assert texts("DeepSeek-V2.5 发布于 2024.12，估值 3.5 亿美元。", "zh") == [
        "DeepSeek-V2.5 发布于 2024.12，估值 3.5 亿美元。"
    ]


def test_chinese_splits_on_line_breaks_and_trims_by_moving_offsets():
    article = "  标题\r\n\r\n\u3000\u3000正文第一句。第二句  \n\n"
    found = sentences(article, "zh")
    assert [s.text for s in found] == ["标题", "正文第一句。", "第二句"]
    assert [(s.start, s.end) for s in found] == [(2, 4), (10, 16), (16, 19)]
    check_offsets(article, found)


def test_markup_is_ordinary_text():
    article = "<p>智谱<b>今年1月</b>离职。</p><script>alert(1)</script>"
    assert texts(article, "zh") == ["<p>智谱<b>今年1月</b>离职。", "</p><script>alert(1)</script>"]
    assert texts("<b>He left.</b> <i>She</i> stayed.", "en") == ["<b>He left.</b> <i>She</i> stayed."]
    assert texts("He left. <b>She</b> stayed.", "en") == ["He left. <b>She</b> stayed."]


def test_seed_article_sentences():
    article = read_article(SEED_ARTICLE)
    found = sentences(article, "zh")
    check_offsets(article, found)
    assert "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。" in [
        s.text for s in found
    ]
    assert (
        found[0].text
        == "2025年上半年,中国“大模型六小虎”中的五家企业共计有12位AI高管离职,其中包括多位商业化负责人和联合创始人。"
    )
    assert "人才迁徙的结构性张力:从“六小虎”看行业深层变革" in [s.text for s in found]  # a heading line


# ------------------------------------------------------------------ English sentences
def test_english_splits_before_capitals_digits_quotes_and_cjk():
    article = 'He left. She stayed! Why? 12 people quit. "Fine," he said. 他走了。'
    assert texts(article, "en") == [
        "He left.",
        "She stayed!",
        "Why?",
        "12 people quit.",
        '"Fine," he said.',
        "他走了。",
    ]


def test_english_does_not_split_before_lower_case():
    assert texts("It cost $3.5 billion. and more e.g. this.", "en") == [
        "It cost $3.5 billion. and more e.g. this."
    ]


def test_english_closing_quote_after_the_end_belongs_to_the_sentence():
    assert texts('He said "I quit." Then he left. (See above.) Next.', "en") == [
        'He said "I quit."',
        "Then he left.",
        "(See above.)",
        "Next.",
    ]
    assert texts("He said “I quit.” Then left.", "en") == ["He said “I quit.”", "Then left."]


ABBREVIATIONS = (
    "Mr. Mrs. Ms. Dr. Prof. Inc. Ltd. Co. Corp. Jr. Sr. St. vs. e.g. i.e. U.S. U.K. No. Jan. Feb. "
)
ABBREVIATIONS += "Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. J. K."


@pytest.mark.parametrize(
    "abbreviation",
    ABBREVIATIONS.split(),
)
def test_english_never_splits_after_an_abbreviation(abbreviation):
    article = f"They met {abbreviation} Smith 5 times. Then left."
    assert texts(article, "en") == [f"They met {abbreviation} Smith 5 times.", "Then left."]


def test_english_initials_and_dotted_abbreviations():
    assert texts("J. R. R. Tolkien moved to the U.S.A. In 2020 he left.", "en") == [
        "J. R. R. Tolkien moved to the U.S.A. In 2020 he left."
    ]
    assert texts("He joined OpenAI. In 2020 he left.", "en") == ["He joined OpenAI.", "In 2020 he left."]
    assert texts("Plan A. Plan B.", "en") == ["Plan A. Plan B."]  # "A." reads as an initial


def test_english_ellipsis_and_punctuation_runs():
    assert texts("Wait... Then what?! Nothing.", "en") == ["Wait...", "Then what?!", "Nothing."]


def test_english_splits_on_blank_lines_and_line_breaks():
    article = "Headline\n\nFirst paragraph, first line\ncontinues here.\r\n\r\nSecond paragraph."
    found = sentences(article, "en")
    assert [s.text for s in found] == [
        "Headline",
        "First paragraph, first line",
        "continues here.",
        "Second paragraph.",
    ]
    check_offsets(article, found)


def test_english_trims_by_moving_offsets():
    article = "   He left.    She stayed.   "
    found = sentences(article, "en")
    assert [(s.text, s.start, s.end) for s in found] == [("He left.", 3, 11), ("She stayed.", 15, 26)]


def test_empty_text_has_no_sentences():
    assert sentences("", "en") == [] == sentences(" \n\r\n\t\u3000", "zh")


# ------------------------------------------------------------------ speed
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_one_megabyte_article_is_fast(lang):
    if lang == "zh":
        unit = "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。“好。”\n"
    else:
        unit = 'Mr. Zhang left Zhipu Inc. in the U.S. on Jan. 5. "He quit!" 12 people followed.\n\n'
    article = unit * (1_000_000 // len(unit) + 1)
    adversarial = "a" * 200_000 + ". " * 100_000 + "。" * 100_000 + "Mr. " * 50_000
    for text in (article, adversarial):
        began = time.perf_counter()
        found = sentences(text, lang)
        assert time.perf_counter() - began < 1.0
        assert found
    began = time.perf_counter()
    assert detect_language(article) == lang
    assert time.perf_counter() - began < 0.5


# ------------------------------------------------------------------ properties
ALPHABET = st.sampled_from(
    [*"ab AZ09.!?;。！？；”」』）\"'\n\r\t\u3000智谱<>", "Mr.", "U.S.", "e.g.", "\r\n"]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(ALPHABET, max_size=60), lang=st.sampled_from(["zh", "en"]))
def test_sentences_cover_every_visible_character_once(parts, lang):
    article = "".join(parts)
    found = sentences(article, lang)
    check_offsets(article, found)
    covered = {i for s in found for i in range(s.start, s.end)}
    visible = {i for i, ch in enumerate(article) if not ch.isspace()}
    assert visible <= covered
    assert all("\n" not in s.text and "\r" not in s.text for s in found)
