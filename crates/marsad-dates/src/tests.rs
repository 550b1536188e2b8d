use super::*;

/// The first date of `text`, as "YYYY-MM-DD[THH:MM]".
fn first(text: &str) -> Option<String> {
    find_date(text).map(|m| m.published.to_string())
}

fn all(text: &str) -> Vec<String> {
    find_dates(text)
        .iter()
        .map(|m| m.published.to_string())
        .collect()
}

fn p(s: &str) -> Published {
    s.parse().unwrap()
}

fn assert_first(text: &str, want: &str) {
    assert_eq!(first(text).as_deref(), Some(want), "{text:?}");
}

fn assert_none(text: &str) {
    assert_eq!(all(text), Vec::<String>::new(), "{text:?}");
}

// ---------------------------------------------------------------- Egyptian 12-hour

#[test]
fn egyptian_weekday_date_and_pm_time() {
    let text = "الثلاثاء، 19 نوفمبر 2024 02:31 م";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2024-11-19T14:31"));
    assert_eq!(&text[m.start..m.end], "19 نوفمبر 2024 02:31 م");
}

#[test]
fn arabic_am_pm_markers() {
    assert_first("19 نوفمبر 2024 09:05 ص", "2024-11-19T09:05");
    assert_first("19 نوفمبر 2024 12:10 ص", "2024-11-19T00:10");
    assert_first("19 نوفمبر 2024 12:10 م", "2024-11-19T12:10");
    assert_first("19 نوفمبر 2024 02:31م", "2024-11-19T14:31");
    assert_first("19 نوفمبر 2024 08:00 مساءً", "2024-11-19T20:00");
    assert_first("19 نوفمبر 2024 08:00 صباحاً", "2024-11-19T08:00");
    assert_first("19 نوفمبر 2024 الساعة 1:15 ظهرا", "2024-11-19T13:15");
    assert_first("19 نوفمبر 2024 الساعة 11:00 ليلا", "2024-11-19T23:00");
}

#[test]
fn english_am_pm() {
    assert_first("Nov 19, 2024 02:31 PM", "2024-11-19T14:31");
    assert_first("19 November 2024, 2:31 am", "2024-11-19T02:31");
    assert_first("19 November 2024 at 12:05 a.m.", "2024-11-19T00:05");
    assert_first("19 November 2024 2:31pm", "2024-11-19T14:31");
    assert_first("19 November 2024 14:31 PM", "2024-11-19T14:31");
}

// ---------------------------------------------------------------- English forms

#[test]
fn english_ordinals_and_orders() {
    let text = "تاريخ النشر: 28th, June 2024 GMT";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2024-06-28"));
    assert_eq!(&text[m.start..m.end], "28th, June 2024");
    assert_first("June 28, 2024", "2024-06-28");
    assert_first("28 June 2024", "2024-06-28");
    assert_first("Jun 28 2024", "2024-06-28");
    assert_first("Jun. 28, 2024", "2024-06-28");
    assert_first("June 1st, 2024", "2024-06-01");
    assert_first("the 3rd of June 2024", "2024-06-03");
    assert_first("Friday, 28-Jun-2024", "2024-06-28");
    assert_first("28 juin 2024", "2024-06-28");
    assert_first("Published On 28 Jun 2024", "2024-06-28");
    assert_first(
        "Published On 28 Jun 2024 10:38 AM (GMT)",
        "2024-06-28T10:38",
    );
    assert_first("Thursday 4 July 2024 06.12 BST", "2024-07-04T06:12");
    assert_first("4 July 2024 6.12pm", "2024-07-04T18:12");
    assert_first("4 July 2024 6.12", "2024-07-04");
}

// ---------------------------------------------------------------- Month names

#[test]
fn egyptian_and_gulf_month_names() {
    let names = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    for (i, name) in names.iter().enumerate() {
        assert_first(&format!("5 {name} 2023"), &format!("2023-{:02}-05", i + 1));
    }
    for (text, want) in [
        ("5 ابريل 2023", "2023-04-05"),
        ("5 إبريل 2023", "2023-04-05"),
        ("5 يونيه 2023", "2023-06-05"),
        ("5 يوليه 2023", "2023-07-05"),
        ("5 اغسطس 2023", "2023-08-05"),
        ("5 اكتوبر 2023", "2023-10-05"),
    ] {
        assert_first(text, want);
    }
}

#[test]
fn levantine_and_iraqi_month_names() {
    let names = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ];
    for (i, name) in names.iter().enumerate() {
        assert_first(&format!("5 {name} 2023"), &format!("2023-{:02}-05", i + 1));
    }
    // Spelling variants: no hamza, no article on the qualifier.
    assert_first("5 اذار 2023", "2023-03-05");
    assert_first("5 ايلول 2023", "2023-09-05");
    assert_first("5 كانون ثاني 2023", "2023-01-05");
    assert_first("5 تشرين اول 2023", "2023-10-05");
}

#[test]
fn qualifier_words_alone_are_not_months() {
    assert_none("الفصل الثاني 2023 والجزء الأول 5");
    assert_none("5 الأول 2023");
    assert_none("5 كانون 2023");
}

#[test]
fn algerian_tunisian_month_names() {
    let names = [
        "جانفي",
        "فيفري",
        "مارس",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    for (i, name) in names.iter().enumerate() {
        assert_first(&format!("5 {name} 2023"), &format!("2023-{:02}-05", i + 1));
    }
    assert_first("5 افريل 2023", "2023-04-05");
    assert_first("5 اوت 2023", "2023-08-05");
}

#[test]
fn moroccan_month_names() {
    let names = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ];
    for (i, name) in names.iter().enumerate() {
        assert_first(&format!("5 {name} 2023"), &format!("2023-{:02}-05", i + 1));
    }
}

#[test]
fn dual_month_names() {
    for text in [
        "17 مارس/ آذار 2020",
        "17 آذار (مارس) 2020",
        "17 مارس - آذار 2020",
        "17 آذار/مارس 2020",
        "17 كانون الثاني/يناير 2020",
    ] {
        let m = find_date(text).unwrap();
        assert_eq!(m.start, 0, "{text}");
        assert_eq!(m.end, text.len(), "{text}");
    }
    assert_first("17 مارس/ آذار 2020", "2020-03-17");
    assert_first("17 آذار (مارس) 2020", "2020-03-17");
    assert_first("17 مارس - آذار 2020", "2020-03-17");
    assert_first("17 كانون الثاني/يناير 2020", "2020-01-17");
}

// ---------------------------------------------------------------- Digits and controls

#[test]
fn eastern_arabic_and_persian_digits() {
    assert_first("١٩ نوفمبر ٢٠٢٤ ٠٢:٣١ م", "2024-11-19T14:31");
    assert_first("۱۹ نوفمبر ۲۰۲۴", "2024-11-19");
    assert_first("١٩/١١/٢٠٢٤", "2024-11-19");
    // Mixed scripts in one date.
    assert_first("19 نوفمبر ٢٠٢٤", "2024-11-19");
}

#[test]
fn bidi_and_zero_width_controls_are_ignored() {
    let text = "\u{200F}الثلاثاء\u{200E}، \u{2067}19\u{2069} نوفمبر\u{200B} 2024 \u{061C}02:31\u{202B} م\u{202C}";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2024-11-19T14:31"));
    // Offsets are into the original string.
    assert_eq!(&text[m.start..m.start + 2], "19");
    assert!(text[..m.end].ends_with('م'));
    let text = "\u{FEFF}\u{200D}2024\u{200E}-06\u{200F}-28";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2024-06-28"));
    assert_eq!(m.start, 6);
    assert_eq!(m.end, text.len());
}

// ---------------------------------------------------------------- Era markers, Hijri

#[test]
fn gregorian_era_marker_is_not_pm() {
    let text = "03 يونيو 2020م";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2020-06-03"));
    assert_eq!(m.end, text.len());
    assert_first("03 يونيو 2020 م", "2020-06-03");
    assert_first("03 يونيو 2020 م - 10:30 م", "2020-06-03T22:30");
    assert_first("03 يونيو 2020م 10:30", "2020-06-03T10:30");
}

#[test]
fn hijri_beside_gregorian_yields_the_gregorian() {
    let text = "11 شوال 1441هـ - 03 يونيو 2020م";
    assert_first(text, "2020-06-03");
    assert_eq!(all(text), vec!["2020-06-03"]);
    assert_first(
        "الأربعاء 12 ذو القعدة 1441 هـ الموافق 03 يوليو 2020 م",
        "2020-07-03",
    );
}

#[test]
fn hijri_alone_is_converted() {
    // Tabular Islamic calendar; may differ by ±1 day from the printed calendar.
    assert_first("11 شوال 1441 هـ", "2020-06-03");
    assert_first("11 شوال 1441هـ", "2020-06-03");
    assert_first("1 رمضان 1445", "2024-03-11");
    assert_first("10 ذي الحجة 1445 هـ", "2024-06-17");
    assert_first("12 ربيع الأول 1446هـ", "2024-09-16");
    assert_first("1 جمادى الآخرة 1445 هـ", "2023-12-14");
    assert_first("1441/10/11 هـ", "2020-06-03");
    // A Hijri month with a Gregorian-range year is not a date.
    assert_none("11 شوال 2020");
}

// ---------------------------------------------------------------- Numeric

#[test]
fn numeric_dates() {
    assert_first("2024-06-28", "2024-06-28");
    assert_first("2024/06/28", "2024-06-28");
    assert_first("28/06/2024", "2024-06-28");
    assert_first("28-06-2024", "2024-06-28");
    assert_first("28.06.2024", "2024-06-28");
    assert_first("28 / 06 / 2024", "2024-06-28");
    // Day first when ambiguous (Arab usage), month first when the second is > 12.
    assert_first("05/06/2024", "2024-06-05");
    assert_first("06/28/2024", "2024-06-28");
    assert_first("/news/2024/06/28/story", "2024-06-28");
}

#[test]
fn numeric_dates_with_time() {
    assert_first("2024-06-28 14:31", "2024-06-28T14:31");
    assert_first("28/06/2024 | 14:31", "2024-06-28T14:31");
    let iso = "2024-06-28T14:31:00+03:00";
    let m = find_date(iso).unwrap();
    assert_eq!(m.published, p("2024-06-28T14:31"));
    assert_eq!(m.end, iso.len());
    assert_first("2024-06-28T23:31:00-0500", "2024-06-28T23:31");
    assert_first("28 June 2024 14:31 GMT+3", "2024-06-28T14:31");
    // A date glued after a time is not taken for a zone offset.
    assert_first("14:31-19/11/2024", "2024-11-19T14:31");
    assert_first("19/11/2024-14:31", "2024-11-19T14:31");
    assert_first("نُشر في: 19/11/2024 - 14:31", "2024-11-19T14:31");
    assert_first("آخر تحديث: 19/11/2024 14:31:05", "2024-11-19T14:31");
}

#[test]
fn two_digit_years_need_context() {
    assert_first("19/11/24 14:31", "2024-11-19T14:31");
    assert_first("تاريخ النشر: 19/11/24", "2024-11-19");
    assert_none("19/11/24");
    assert_none("الرقم 3/4/24 في القائمة");
}

#[test]
fn time_before_the_date() {
    let text = "02:31 م - 19 نوفمبر 2024";
    let m = find_date(text).unwrap();
    assert_eq!(m.published, p("2024-11-19T14:31"));
    assert_eq!((m.start, m.end), (0, text.len()));
    assert_first("14:31 | 28/06/2024", "2024-06-28T14:31");
}

#[test]
fn datelines() {
    assert_first("نُشر في: 19/11/2024 - 14:31", "2024-11-19T14:31");
    assert_first(
        "آخر تحديث: الثلاثاء 19 نوفمبر 2024 - 10:05 ص",
        "2024-11-19T10:05",
    );
    assert_first("Published On 28 Jun 2024", "2024-06-28");
    assert_first("نشر بتاريخ 3 من مارس 2020", "2020-03-03");
    assert_first("Last updated: June 28, 2024 at 9:15 pm", "2024-06-28T21:15");
    assert_first("في الساعة 10:30 من يوم 12 مارس 2020", "2020-03-12T10:30");
}

#[test]
fn several_dates_in_order() {
    let text = "نشر في 19 نوفمبر 2024 - آخر تحديث 20/11/2024 09:00";
    assert_eq!(all(text), vec!["2024-11-19", "2024-11-20T09:00"]);
}

// ---------------------------------------------------------------- Negatives

#[test]
fn rejects_numbers_and_years_alone() {
    assert_none("قتل 24 عاما");
    assert_none("نشر 1500 جندي");
    assert_none("في عام 2000");
    assert_none("عام 2022");
    assert_none("June 2024");
    assert_none("يونيو 2024");
}

#[test]
fn rejects_impossible_dates() {
    assert_none("31 فبراير 2024");
    assert_none("29 فبراير 2023");
    assert_none("2024-13-01");
    assert_none("32/01/2024");
    assert_none("14/14/2024");
    assert_first("29 فبراير 2024", "2024-02-29");
}

#[test]
fn rejects_phone_numbers_and_number_chains() {
    assert_none("اتصل على 0100-123-4567");
    assert_none("+20 2 2345 6789");
    assert_none("هاتف 02/2345/6789");
    assert_none("الإصدار 1.2.2024.5");
    assert_none("1-2-2024-3");
    assert_none("النتيجة 2-1");
}

#[test]
fn month_without_year_is_not_a_date() {
    assert_none("في 12 يونيو");
    assert_none("في 12 يونيو الماضي قال 3 أشخاص");
    assert_none("June 12");
}

#[test]
fn times_alone_are_not_dates() {
    assert_none("الساعة 02:31 م");
}

// ---------------------------------------------------------------- Fast path

#[test]
fn lines_without_digits_are_not_tokenized() {
    let line = "قال الرئيس في كلمته يوم الثلاثاء إن الحكومة ستواصل دعم القطاع الزراعي خلال نوفمبر";
    let before = tokens::TOKENIZE_CALLS.with(|c| c.get());
    assert!(find_dates(line).is_empty());
    assert!(find_date("منذ يومين").is_none());
    assert_eq!(tokens::TOKENIZE_CALLS.with(|c| c.get()), before);
    // A digit does trigger tokenization.
    assert!(find_dates("١ شيء").is_empty());
    assert_eq!(tokens::TOKENIZE_CALLS.with(|c| c.get()), before + 1);
}

// ---------------------------------------------------------------- Machine dates

#[test]
fn machine_iso_dates() {
    let m = |s: &str| parse_machine_date(s).map(|d| d.to_string());
    assert_eq!(m("2024-06-19").as_deref(), Some("2024-06-19"));
    assert_eq!(
        m("2024-06-19T10:05:00+03:00").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(
        m("2024-06-19T10:05:00+0400").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(m("2024-06-19 10:05").as_deref(), Some("2024-06-19T10:05"));
    assert_eq!(
        m("2024-06-19T10:05:00Z").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(
        m("2024-06-19T10:05:00.123456Z").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(m(" 2024-06-19T10:05 ").as_deref(), Some("2024-06-19T10:05"));
    assert_eq!(
        m("2024-06-19T10:05:00-05").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(m("20240619100500").as_deref(), Some("2024-06-19T10:05"));
    assert_eq!(m("٢٠٢٤-٠٦-١٩").as_deref(), Some("2024-06-19"));
}

#[test]
fn machine_dates_never_shift_to_utc() {
    assert_eq!(
        parse_machine_date("2024-06-19T23:30:00+03:00"),
        Some(p("2024-06-19T23:30"))
    );
    assert_eq!(
        parse_machine_date("2024-06-19T00:30:00-05:00"),
        Some(p("2024-06-19T00:30"))
    );
    assert_eq!(
        parse_machine_date("Wed, 19 Jun 2024 23:59:00 +0400"),
        Some(p("2024-06-19T23:59"))
    );
}

#[test]
fn machine_http_dates() {
    let m = |s: &str| parse_machine_date(s).map(|d| d.to_string());
    assert_eq!(
        m("Wed, 19 Jun 2024 10:05:00 +0400").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(
        m("Wed, 19 Jun 2024 10:05:00 GMT").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(
        m("Wednesday, 19-Jun-24 10:05:00 GMT").as_deref(),
        Some("2024-06-19T10:05")
    );
    assert_eq!(
        m("Wed Jun 19 10:05:00 2024").as_deref(),
        Some("2024-06-19T10:05")
    );
}

#[test]
fn machine_falls_back_to_human_dates_and_rejects_junk() {
    assert_eq!(parse_machine_date("19 يونيو 2024"), Some(p("2024-06-19")));
    assert_eq!(parse_machine_date("June 19, 2024"), Some(p("2024-06-19")));
    // An impossible time: the date alone survives (via the text fallback).
    assert_eq!(
        parse_machine_date("2024-06-19T25:00:00Z"),
        Some(p("2024-06-19"))
    );
    for junk in [
        "",
        "   ",
        "null",
        "2024-06",
        "2024-02-30",
        "0001-01-01T00:00:00Z",
        "1718791500",
        "Wed, 19 Foo 2024 10:05:00 GMT",
    ] {
        assert_eq!(parse_machine_date(junk), None, "{junk:?}");
    }
}

// ---------------------------------------------------------------- Relative

#[test]
fn relative_hours_and_minutes_keep_time() {
    let anchor = p("2024-06-19T10:05");
    let r = |s: &str| resolve_relative(s, anchor).map(|d| d.to_string());
    assert_eq!(r("منذ 3 ساعات").as_deref(), Some("2024-06-19T07:05"));
    assert_eq!(r("منذ ١٢ ساعة").as_deref(), Some("2024-06-18T22:05"));
    assert_eq!(r("منذ ساعتين").as_deref(), Some("2024-06-19T08:05"));
    assert_eq!(r("منذ ساعة").as_deref(), Some("2024-06-19T09:05"));
    assert_eq!(r("قبل 5 دقائق").as_deref(), Some("2024-06-19T10:00"));
    assert_eq!(r("منذ 30 ثانية").as_deref(), Some("2024-06-19T10:04"));
    assert_eq!(r("3 hours ago").as_deref(), Some("2024-06-19T07:05"));
    assert_eq!(r("an hour ago").as_deref(), Some("2024-06-19T09:05"));
    assert_eq!(r("منذ قليل").as_deref(), Some("2024-06-19T10:05"));
    assert_eq!(r("just now").as_deref(), Some("2024-06-19T10:05"));
}

#[test]
fn relative_days_and_longer() {
    let anchor = p("2024-03-01T10:05");
    let r = |s: &str| resolve_relative(s, anchor).map(|d| d.to_string());
    assert_eq!(r("منذ يومين").as_deref(), Some("2024-02-28"));
    assert_eq!(r("منذ 3 أيام").as_deref(), Some("2024-02-27"));
    assert_eq!(r("أمس").as_deref(), Some("2024-02-29"));
    assert_eq!(r("امس الساعة 22:15").as_deref(), Some("2024-02-29T22:15"));
    assert_eq!(r("أول أمس").as_deref(), Some("2024-02-28"));
    assert_eq!(r("أول من أمس").as_deref(), Some("2024-02-28"));
    assert_eq!(r("اليوم").as_deref(), Some("2024-03-01"));
    assert_eq!(r("yesterday").as_deref(), Some("2024-02-29"));
    assert_eq!(r("today").as_deref(), Some("2024-03-01"));
    assert_eq!(r("منذ أسبوعين").as_deref(), Some("2024-02-16"));
    assert_eq!(r("2 weeks ago").as_deref(), Some("2024-02-16"));
    assert_eq!(r("منذ شهر").as_deref(), Some("2024-02-01"));
    assert_eq!(r("منذ عامين").as_deref(), Some("2022-03-01"));
    let end_of_month = p("2024-03-31");
    assert_eq!(
        resolve_relative("منذ شهر", end_of_month),
        Some(p("2024-02-29"))
    );
}

#[test]
fn relative_without_anchor_time() {
    let anchor = p("2024-06-19");
    assert_eq!(resolve_relative("منذ 3 ساعات", anchor), Some(anchor));
    assert_eq!(
        resolve_relative("منذ 30 ساعة", anchor),
        Some(p("2024-06-18"))
    );
}

#[test]
fn relative_rejects_non_relative_text() {
    let anchor = p("2024-06-19T10:05");
    assert_eq!(resolve_relative("قبل الانتخابات", anchor), None);
    assert_eq!(resolve_relative("منذ 2020", anchor), None);
    assert_eq!(resolve_relative("3 hours", anchor), None);
    assert_eq!(resolve_relative("", anchor), None);
}

// ---------------------------------------------------------------- Coverage

#[test]
fn coverage_of_datelines_is_full() {
    assert_eq!(date_coverage("الثلاثاء، 19 نوفمبر 2024 02:31 م"), 1.0);
    assert_eq!(date_coverage("تاريخ النشر: 28th, June 2024 GMT"), 1.0);
    assert_eq!(date_coverage("نُشر في: 19/11/2024 - 14:31"), 1.0);
    assert_eq!(date_coverage("Published On 28 Jun 2024"), 1.0);
    assert_eq!(date_coverage("آخر تحديث: 2024-07-04T11:45:00+03:00"), 1.0);
    assert_eq!(date_coverage("منذ 3 ساعات"), 1.0);
    assert_eq!(date_coverage("منذ يومين"), 1.0);
    assert_eq!(
        date_coverage("19 حزيران 2024 الساعة 22:05 بتوقيت القدس"),
        1.0
    );
    assert_eq!(
        date_coverage("الأربعاء 11 شوال 1441هـ الموافق 03 يونيو 2020م"),
        1.0
    );
}

#[test]
fn coverage_of_body_lines_is_low() {
    let body = "قال الرئيس في كلمته يوم 19 نوفمبر 2024 إن الحكومة ستواصل دعم القطاع الزراعي خلال العام المقبل";
    let c = date_coverage(body);
    assert!(c > 0.0 && c < 0.3, "{c}");
    assert_eq!(date_coverage("قتل 24 شخصا في عام 2000"), 0.0);
    assert_eq!(date_coverage(""), 0.0);
    // A label with a date of another kind of text still counts partly.
    let c = date_coverage("المحرر: أحمد علي | 19/11/2024");
    assert!(c > 0.3 && c < 0.7, "{c}");
}

#[test]
fn dates_in_url_paths() {
    let d = |s: &str| date_in_url(s).map(|p| p.to_string());
    assert_eq!(
        d("https://bizwest.com/2020/03/11/loft-clothing-store/").as_deref(),
        Some("2020-03-11")
    );
    assert_eq!(
        d("http://www.soychile.cl/Puerto-Montt/Deportes/2020/08/24/670291/x").as_deref(),
        Some("2020-08-24")
    );
    assert_eq!(
        d("https://x.com/news/2020-3-9-title").as_deref(),
        Some("2020-03-09")
    );
    // An id is not a date, a year and month are not a full date, mixed separators neither.
    assert_eq!(d("http://www.aryanews.com/News/120200622120908039/x"), None);
    assert_eq!(d("https://x.com/2020/03/title"), None);
    assert_eq!(d("https://x.com/2020/03-11/title"), None);
    assert_eq!(d("https://x.com/2020/13/40/title"), None);
    // The host and the query are not the path.
    assert_eq!(d("https://2020-03-11.example.com/a?d=2020/03/11"), None);
}

#[test]
fn european_month_names_and_fillers() {
    let d = |s: &str| find_date(s).map(|m| m.published.to_string());
    assert_eq!(
        d("9 oktober 2020 11:12").as_deref(),
        Some("2020-10-09T11:12")
    );
    assert_eq!(
        d("jueves 2 de abril de 2020").as_deref(),
        Some("2020-04-02")
    );
    assert_eq!(d("Berlin, 3. März 2024").as_deref(), Some("2024-03-03"));
    assert_eq!(d("14 de setembro de 2019").as_deref(), Some("2019-09-14"));
}

#[test]
fn cjk_year_month_day() {
    let m = find_date("投稿 2020年07月12日 22:00").expect("a date");
    assert_eq!(m.published.date_only().to_string(), "2020-07-12");
    assert_eq!(&"投稿 2020年07月12日 22:00"[m.start..m.start + 4], "2020");
    assert!(find_date("2020年の予定").is_none());
}

// ---------------------------------------------------------------- European datelines

#[test]
fn european_datelines_are_date_lines() {
    // Labels, weekdays and "Uhr"/"kl."/"klo" of the languages pages print
    // datelines in count as date furniture, so the line is a dateline…
    for (line, want) in [
        ("Publiziert 17. Dezember 2024, 12:17", "2024-12-17T12:17"),
        (
            "Veröffentlicht am 13. Mai 2026 um 15:44",
            "2026-05-13T15:44",
        ),
        (
            "Aktualisiert am 28. April 2023, 20:22 Uhr",
            "2023-04-28T20:22",
        ),
        (
            "Zuerst veröffentlicht am 06/01/2026 - 14:02 MEZ",
            "2026-01-06T14:02",
        ),
        ("Publicado: 06/05/2020 ·", "2020-05-06"),
        ("Zaterdag 26 september 2020", "2020-09-26"),
        ("Domenica 19 Aprile 2020", "2020-04-19"),
        ("Publisert 06.01.2026 - 17:29", "2026-01-06T17:29"),
    ] {
        assert_first(line, want);
        assert!(
            date_coverage(line) >= 0.6,
            "{line}: {}",
            date_coverage(line)
        );
    }
    // …while a sentence of prose that mentions a date stays prose.
    let prose = "Am 3. Mai 2024 hat der Rat in Berlin entschieden, dass die Brücke bis Ende des Jahres fertig wird.";
    assert_first(prose, "2024-05-03");
    assert!(date_coverage(prose) < 0.3);
    let prose = "El ministro dijo el martes 5 de marzo de 2024 que las obras del puente terminarán este año.";
    assert!(date_coverage(prose) < 0.4, "{}", date_coverage(prose));
}

#[test]
fn european_relative_dates() {
    let anchor = p("2024-03-01T10:05");
    let r = |s: &str| resolve_relative(s, anchor).map(|d| d.to_string());
    assert_eq!(r("vor 14 Minuten").as_deref(), Some("2024-03-01T09:51"));
    assert_eq!(r("vor 3 Stunden").as_deref(), Some("2024-03-01T07:05"));
    assert_eq!(r("hace 2 días").as_deref(), Some("2024-02-28"));
    assert_eq!(r("7 minuten geleden").as_deref(), Some("2024-03-01T09:58"));
    assert_eq!(r("3 timer siden").as_deref(), Some("2024-03-01T07:05"));
    // A relative date on its own line is date furniture; in prose it is not.
    assert!(date_coverage("vor 14 Minuten") >= 0.6);
    assert!(
        date_coverage(
            "Vor 3 Jahren hatte der Stadtrat den Bau der Brücke über den Fluss beschlossen."
        ) < 0.3
    );
    // "vor" without an amount and a unit opens no date.
    assert_eq!(r("vor dem Rathaus"), None);
}
