"""A record's text in the reader's language, and the words around it, for every renderer and export.

The English is the reference text; Korean and Japanese are translations of it (`translations`).
Where a translation is missing the English is shown, marked `[en]`, never silently. The labels of
cards and pages are here once, in every language of `LANGUAGES` (a test checks none is missing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FALLBACK = "[en] "
"""Put before English text shown in place of a missing translation."""

TRANSLATION_NOTE = {
    "ko": "한국어 본문은 영어 기준 텍스트를 번역한 것입니다.",
    "ja": "日本語の本文は、英語の基準テキストを翻訳したものです。",
}
"""Said wherever translated text is shown: the English is the reference."""

LABELS: dict[str, dict[str, str]] = {
    "key_dates": {"en": "Key dates", "ko": "주요 날짜", "ja": "主な日付"},
    "date_note": {"en": "Date note", "ko": "날짜 메모", "ja": "日付の注記"},
    "summary": {"en": "Summary", "ko": "요약", "ja": "概要"},
    "significance": {"en": "Why it matters", "ko": "의의", "ja": "意義"},
    "facts": {"en": "Key facts", "ko": "주요 사실", "ja": "主な事実"},
    "people": {"en": "People", "ko": "인물", "ja": "人物"},
    "leaders": {"en": "Leaders", "ko": "당시 지도자", "ja": "当時の指導者"},
    "places": {"en": "Places", "ko": "장소", "ja": "場所"},
    "topics": {"en": "Topics", "ko": "주제", "ja": "テーマ"},
    "tags": {"en": "Tags", "ko": "태그", "ja": "タグ"},
    "kind_tone": {"en": "Kind · tone", "ko": "유형 · 성격", "ja": "種類・性格"},
    "before": {"en": "Before", "ko": "이전", "ja": "前"},
    "after": {"en": "After", "ko": "이후", "ja": "後"},
    "quotes": {"en": "Quotes", "ko": "인용", "ja": "引用"},
    "sources": {"en": "Sources", "ko": "출처", "ja": "出典"},
    "offices": {"en": "Offices", "ko": "직위", "ja": "役職"},
    "events": {"en": "Events", "ko": "사건", "ja": "出来事"},
    "acting": {"en": "acting", "ko": "권한대행", "ja": "代行"},
    "precision_year": {"en": "year precision", "ko": "날짜 정밀도: 연", "ja": "日付の精度：年"},
    "precision_month": {"en": "month precision", "ko": "날짜 정밀도: 월", "ja": "日付の精度：月"},
    "precision_day": {"en": "day precision", "ko": "날짜 정밀도: 일", "ja": "日付の精度：日"},
    "country": {"en": "Country", "ko": "나라", "ja": "国"},
    "leader": {"en": "Leader", "ko": "지도자", "ja": "指導者"},
    "office": {"en": "Office", "ko": "직위", "ja": "役職"},
    "from": {"en": "From", "ko": "시작", "ja": "開始"},
    "to": {"en": "To", "ko": "종료", "ja": "終了"},
    "in_office_at": {"en": "In office at", "ko": "재임 기준일", "ja": "在任基準日"},
    "in_office": {"en": "in office", "ko": "재임 중", "ja": "在任中"},
    "records_end": {
        "en": "open (records end {date})",
        "ko": "재임 중(기록은 {date}까지)",
        "ja": "在任中（記録は{date}まで）",
    },
    "sourced_events": {
        "en": "{count} sourced events",
        "ko": "출처가 있는 사건 {count}건",
        "ja": "出典付きの出来事{count}件",
    },
    "data_licence": {"en": "data licence", "ko": "데이터 라이선스", "ja": "データのライセンス"},
    "data_as_of": {
        "en": "Data as of {date}: the newest source cited",
        "ko": "자료 기준일 {date}: 인용한 가장 최근 출처의 날짜",
        "ja": "データは{date}時点：引用した最新の出典の日付",
    },
    "outside_eras": {"en": "Outside the named eras", "ko": "시대 구분 밖의 사건", "ja": "時代区分外の出来事"},
    "today": {"en": "today", "ko": "현재", "ja": "現在"},
    "eras": {"en": "Eras", "ko": "시대", "ja": "時代"},
    "related": {"en": "Related", "ko": "관련 사건", "ja": "関連する出来事"},
    "permalink": {"en": "Link to this event", "ko": "이 사건으로 가는 링크", "ja": "この出来事へのリンク"},
    "chart_title": {
        "en": "Events per year by topic, {years}",
        "ko": "연도별·주제별 사건 수, {years}",
        "ja": "年別・テーマ別の出来事の数、{years}",
    },
    "chart_caption": {
        "en": "Each mark is one event, stacked in its year and coloured by its first topic; the bands are the eras.",
        "ko": "표시 하나가 사건 하나이며, 해당 연도에 쌓여 있고 첫 번째 주제에 따라 색이 다릅니다."
        " 띠는 시대를 나타냅니다.",
        "ja": "一つの印が一つの出来事で、その年に積み上げ、最初のテーマで色分けしています。帯は時代を表します。",
    },
    "chart_break": {
        "en": "A // on the axis leaves out years with no event.",
        "ko": "축의 //는 사건이 없는 기간을 생략한 곳입니다.",
        "ja": "軸の//は出来事のない期間を省略した箇所です。",
    },
    "no_topic": {"en": "no topic", "ko": "주제 없음", "ja": "テーマなし"},
    "chart_legend": {"en": "First topic:", "ko": "첫 번째 주제:", "ja": "最初のテーマ："},
    "source_official": {"en": "official", "ko": "공식", "ja": "公式"},
    "source_primary-text": {"en": "primary text", "ko": "원문 사료", "ja": "一次資料"},
    "source_news": {"en": "news", "ko": "보도", "ja": "報道"},
    "source_scholarly": {"en": "scholarly", "ko": "학술", "ja": "学術"},
    "source_archive": {"en": "archive", "ko": "기록물", "ja": "公文書・記録"},
    "source_reference": {"en": "reference", "ko": "참고 문헌", "ja": "参考文献"},
    "source_wiki": {"en": "wiki", "ko": "위키", "ja": "ウィキ"},
    "source_user-generated": {"en": "user-generated", "ko": "사용자 작성", "ja": "ユーザー作成"},
    "made_with": {
        "en": "Made with kjtimeline {version}. Every event links to the sources it rests on.",
        "ko": "kjtimeline {version}로 만들었습니다. 모든 사건은 근거가 된 출처로 연결됩니다.",
        "ja": "kjtimeline {version}で作成。すべての出来事は、その根拠となった出典にリンクしています。",
    },
}

PLACES: dict[str, dict[str, str]] = {
    "Korea": {"en": "Korea", "ko": "조선·대한제국", "ja": "朝鮮・大韓帝国"},
    "Korea (protectorate)": {"en": "Korea (protectorate)", "ko": "대한제국(통감부)", "ja": "大韓帝国（統監府）"},
    "Korea (colonial rule)": {"en": "Korea (colonial rule)", "ko": "조선(총독부)", "ja": "朝鮮（総督府）"},
    "Korea (south)": {"en": "Korea (south)", "ko": "남한(미군정)", "ja": "朝鮮南部（米軍政）"},
    "South Korea": {"en": "South Korea", "ko": "대한민국", "ja": "韓国"},
    "Japan": {"en": "Japan", "ko": "일본", "ja": "日本"},
}
"""Where each leader office governed (`explore.LEADER_OFFICES`), in every language."""


KIND_MEANINGS: dict[str, dict[str, str]] = {
    "treaty": {
        "en": "a treaty signed or brought into force",
        "ko": "체결되거나 발효된 조약",
        "ja": "締結・発効した条約",
    },
    "agreement": {
        "en": "an agreement or accord short of a treaty",
        "ko": "조약에 이르지 않는 협정·합의",
        "ja": "条約に至らない協定・合意",
    },
    "summit": {"en": "talks between heads of state or government", "ko": "정상 간의 회담", "ja": "首脳による会談"},
    "visit": {
        "en": "a visit not centred on leaders' talks: a state banquet, a shrine, an island, a minister's trip",
        "ko": "정상 간 회담이 중심이 아닌 방문: 국빈 만찬, 참배, 섬 방문, 장관의 방문",
        "ja": "首脳会談が中心ではない訪問：宮中晩餐会、参拝、島への訪問、閣僚の訪問",
    },
    "statement": {
        "en": "a statement, declaration, speech or apology",
        "ko": "성명·선언·연설·사과",
        "ja": "声明・宣言・演説・謝罪",
    },
    "ruling": {
        "en": "a court judgment or legal ruling",
        "ko": "법원 판결 또는 법적 결정",
        "ja": "裁判所の判決・法的判断",
    },
    "incident": {"en": "an incident or dispute that flared up", "ko": "갈등을 부른 사건", "ja": "摩擦を生んだ事件"},
    "attack": {
        "en": "a military attack, assassination or act of violence",
        "ko": "군사 공격, 암살 또는 폭력 행위",
        "ja": "軍事攻撃・暗殺・暴力行為",
    },
    "election": {"en": "an election or change of government", "ko": "선거 또는 정권 교체", "ja": "選挙・政権交代"},
    "policy": {
        "en": "a government policy, measure or sanction",
        "ko": "정부의 정책·조치·제재",
        "ja": "政府の政策・措置・制裁",
    },
    "legislation": {"en": "a law or decree enacted", "ko": "제정된 법률·법령", "ja": "制定された法律・法令"},
    "protest": {"en": "a protest, demonstration or boycott", "ko": "항의·시위·불매 운동", "ja": "抗議・デモ・不買運動"},
    "negotiation": {
        "en": "negotiations or talks below the level of leaders",
        "ko": "정상급이 아닌 협상·회담",
        "ja": "首脳級ではない交渉・協議",
    },
    "war": {"en": "a war or armed conflict", "ko": "전쟁 또는 무력 충돌", "ja": "戦争・武力衝突"},
    "ceremony": {"en": "a ceremony or commemoration", "ko": "의식 또는 기념 행사", "ja": "式典・記念行事"},
    "appointment": {"en": "an appointment to office", "ko": "직위 임명", "ja": "役職への任命"},
    "milestone": {
        "en": "a turning point: the start or end of a period",
        "ko": "전환점: 한 시기의 시작이나 끝",
        "ja": "転換点：ある時代の始まりや終わり",
    },
}
"""What each event kind (`models.KINDS`) means, for `kjtimeline kinds`; a test holds it to KINDS."""


def label(key: str, lang: str, **values: str) -> str:
    return LABELS[key].get(lang, LABELS[key]["en"]).format(**values)


def bracketed(text: str, lang: str) -> str:
    """(text), in the brackets the language uses: full-width in Japanese."""
    return f"（{text}）" if lang == "ja" else f"({text})"


def colon(text: str, lang: str) -> str:
    """ "text: " before what it introduces; in Japanese the full-width colon, which needs no space."""
    return f"{text}：" if lang == "ja" else f"{text}: "


def joined(items: Iterable[str], lang: str) -> str:
    """A list in running text: "a, b" in English and Korean, "a、b" in Japanese."""
    return ("、" if lang == "ja" else ", ").join(items)


def place(name: str, lang: str) -> str:
    return PLACES.get(name, {}).get(lang, name)


def text_in(record: Any, field: str, lang: str) -> Any:
    """The field in `lang`: a string, or a tuple for lists; English marked `[en]` where untranslated.

    A text a user's event leaves out (null) is "".
    """
    value, fell_back = record.localized(field, lang)
    if value is None:
        return ""
    if not fell_back:
        return value
    if isinstance(value, tuple):
        return tuple(FALLBACK + item for item in value)
    return FALLBACK + value


def translated(lang: str) -> bool:
    """Whether text in `lang` is a translation (and the page should say so)."""
    return lang in TRANSLATION_NOTE
