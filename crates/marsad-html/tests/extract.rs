//! Extraction of small hand-made pages built from real news-page structure
//! (Al Jazeera, Asharq Al-Awsat, Youm7), with exact expected values.

use marsad_html::extract_html;
use marsad_model::{
    ExtractedPage, FurnitureKind, Page, PageFormat, ParagraphKind, Published, Role,
};

fn page(name: &str) -> Page {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Page {
        source: name.to_string(),
        format: PageFormat::Html,
        url: None,
        fetched: None,
        content,
    }
}

fn html_page(content: String) -> Page {
    Page {
        source: "generated.html".into(),
        format: PageFormat::Html,
        url: None,
        fetched: None,
        content,
    }
}

fn date(s: &str) -> Option<Published> {
    Some(s.parse().expect("test date"))
}

fn texts(p: &ExtractedPage, article: usize) -> Vec<(&str, ParagraphKind)> {
    p.articles[article]
        .paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.kind))
        .collect()
}

#[test]
fn aljazeera_article_body_metadata_and_furniture() {
    let mut input = page("aljazeera_article.html");
    input.url = Some("https://www.aljazeera.net/news/2024/11/19/unsc-gaza".into());
    input.fetched = Some("2024-11-19T15:00:00Z".into());
    let p = extract_html(&input);

    assert_eq!(p.source, "aljazeera_article.html");
    assert_eq!(p.format, PageFormat::Html);
    assert_eq!(
        p.url.as_deref(),
        Some("https://www.aljazeera.net/news/2024/11/19/unsc-gaza")
    );
    assert_eq!(p.fetched.as_deref(), Some("2024-11-19T15:00:00Z"));
    assert_eq!(p.lang.as_deref(), Some("ar"));
    assert_eq!(p.articles.len(), 1);

    let a = &p.articles[0];
    assert_eq!(a.role, Role::Main);
    assert_eq!(
        a.title.as_deref(),
        Some("مجلس الأمن يناقش الوضع الإنساني في غزة")
    );
    assert_eq!(a.title_line, None);
    // JSON-LD (14:31 local) wins over the visible "20 نوفمبر 2024" and the UTC OpenGraph time.
    assert_eq!(a.published, date("2024-11-19T14:31"));
    assert_eq!(a.byline.as_deref(), Some("أحمد فضل"));
    assert_eq!(a.outlet.as_deref(), Some("الجزيرة نت"));
    assert_eq!(a.original_source.as_deref(), Some("الجزيرة + وكالات"));

    assert_eq!(
        texts(&p, 0),
        vec![
            (
                "عقد مجلس الأمن الدولي، اليوم الثلاثاء، جلسة طارئة لمناقشة الوضع الإنساني المتدهور في قطاع غزة، بدعوة من عدة دول أعضاء، وسط تحذيرات أممية من مجاعة وشيكة.",
                ParagraphKind::Body
            ),
            (
                "وقال المندوب الدائم لإحدى الدول الداعية إلى الجلسة إن المساعدات التي تدخل القطاع لا تغطي سوى جزء يسير من الاحتياجات، مطالبا بفتح جميع المعابر دون قيود.",
                ParagraphKind::Body
            ),
            ("تحذيرات من مجاعة", ParagraphKind::Subheading),
            (
                "من جهته، أكد منسق الشؤون الإنسانية أن أكثر من مليون شخص يواجهون مستويات حادة من انعدام الأمن الغذائي، وأن فرق الإغاثة لم تتمكن من الوصول إلى مناطق واسعة منذ أسابيع.",
                ParagraphKind::Body
            ),
            // The closing "المصدر: الجزيرة + وكالات" is the credit above, not body text.
        ]
    );
    assert!(a.paragraphs.iter().all(|p| p.line.is_none()));

    // figcaption → captions, not paragraphs.
    assert_eq!(a.captions.len(), 1);
    assert_eq!(
        a.captions[0].text,
        "جلسة سابقة لمجلس الأمن الدولي في نيويورك (رويترز)"
    );

    // The "اقرأ أيضا" block inside the body is related furniture, not text.
    let related: Vec<&str> = p
        .furniture
        .iter()
        .filter(|f| f.kind == FurnitureKind::Related)
        .map(|f| f.text.as_str())
        .collect();
    assert!(
        related
            .iter()
            .any(|t| t.contains("وكالات أممية تحذر من انهيار المنظومة الصحية")),
        "{related:?}"
    );
    assert!(!a.text().contains("قافلة مساعدات"));
    let kinds: Vec<FurnitureKind> = p.furniture.iter().map(|f| f.kind).collect();
    for k in [
        FurnitureKind::Navigation,
        FurnitureKind::Share,
        FurnitureKind::Comments,
        FurnitureKind::Footer,
        FurnitureKind::Tags,
    ] {
        assert!(
            kinds.contains(&k),
            "no {k:?} furniture in {:?}",
            p.furniture
        );
    }
    assert!(p
        .furniture
        .iter()
        .all(|f| f.line.is_none() && !f.text.is_empty()));
    assert!(!a.text().contains("تعليق من أحد القراء"));
    assert!(!a.text().contains("ملفات تعريف الارتباط"));
}

#[test]
fn late_night_offset_without_colon_keeps_local_day() {
    let p = extract_html(&page("asharq_late_night.html"));
    assert_eq!(p.articles.len(), 1);
    let a = &p.articles[0];
    // 23:30+0400 stays on 5 March; the <time> in another zone is not used.
    assert_eq!(a.published, date("2024-03-05T23:30"));
    // No JSON-LD headline: og:title with its " | site" suffix removed.
    assert_eq!(
        a.title.as_deref(),
        Some("الإمارات تطلق مبادرة جديدة للطاقة النظيفة")
    );
    assert_eq!(a.byline.as_deref(), Some("دبي: مراسل الشرق الأوسط"));
    assert_eq!(a.outlet.as_deref(), Some("الشرق الأوسط"));
    assert_eq!(a.original_source, None);
    assert_eq!(
        texts(&p, 0).iter().map(|(t, _)| *t).collect::<Vec<_>>(),
        vec![
            "أطلقت دولة الإمارات مساء الثلاثاء مبادرة جديدة لتسريع التحول نحو الطاقة النظيفة، تتضمن استثمارات في مشاريع الطاقة الشمسية وطاقة الرياح وتخزين الطاقة على مدى العقد المقبل.",
            "وأوضح بيان رسمي أن المبادرة تستهدف رفع حصة الطاقة النظيفة في مزيج الطاقة الوطني، وخفض الانبعاثات الكربونية بنسبة كبيرة، بالتعاون مع شركاء من القطاعين العام والخاص.",
            "ويأتي الإعلان قبل أسابيع من انعقاد مؤتمر إقليمي للطاقة في أبوظبي، يشارك فيه وزراء ومسؤولون من دول الخليج والعالم.",
        ]
    );
    assert!(p
        .furniture
        .iter()
        .any(|f| f.kind == FurnitureKind::Related && f.text.contains("السعودية تدشن")));
}

#[test]
fn two_articles_in_one_dom_are_main_and_appended() {
    let p = extract_html(&page("youm7_two_articles.html"));
    assert_eq!(p.articles.len(), 2, "{:#?}", p.articles);
    let (a, b) = (&p.articles[0], &p.articles[1]);
    assert_eq!(a.role, Role::Main);
    assert_eq!(b.role, Role::Appended);
    assert_eq!(
        a.title.as_deref(),
        Some("الحكومة تعلن خطة لتطوير السكك الحديدية")
    );
    assert_eq!(
        b.title.as_deref(),
        Some("ارتفاع درجات الحرارة على أغلب الأنحاء غدا")
    );
    assert_eq!(a.published, date("2024-06-19T10:05"));
    assert_eq!(b.published, date("2024-06-19T12:40"));
    assert_eq!(a.byline.as_deref(), Some("محمد علي"));
    assert_eq!(b.byline.as_deref(), Some("سارة أحمد"));
    assert_eq!(a.outlet.as_deref(), Some("اليوم السابع"));
    assert_eq!(a.paragraphs.len(), 3);
    assert_eq!(b.paragraphs.len(), 3);
    assert!(a.paragraphs[0]
        .text
        .starts_with("أعلنت الحكومة اليوم الأربعاء خطة شاملة"));
    assert!(b.paragraphs[0].text.starts_with("توقعت هيئة الأرصاد الجوية"));
    // Never merged: no paragraph of one story in the other.
    assert!(!a.text().contains("الأرصاد"));
    assert!(!b.text().contains("السكك الحديدية"));
}

#[test]
fn section_front_has_no_article() {
    let p = extract_html(&page("section_front.html"));
    assert_eq!(p.lang.as_deref(), Some("ar"));
    assert!(p.articles.is_empty(), "{:#?}", p.articles);
}

#[test]
fn empty_and_broken_input_gives_no_article() {
    for html in [
        "",
        "<html",
        "<<<>>>",
        "<p>قصير</p>",
        "\u{feff}<!doctype html><body></body>",
    ] {
        let p = extract_html(&html_page(html.to_string()));
        assert!(p.articles.is_empty(), "{html:?}");
    }
}

#[test]
fn english_page_with_json_ld_graph_and_author_list() {
    let html = r#"<html lang="en"><head>
<meta property="og:site_name" content="Daily Example">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","datePublished":"2020-01-01"},
 {"@type":"NewsArticle","headline":"Ministers meet over water deal - Daily Example",
  "datePublished":"Wed, 19 Jun 2024 10:05:00 +0400",
  "author":[{"@type":"Person","name":"Jane Roe"},"John Doe"]}]}</script></head>
<body><div class="story-body">
<p>Ministers from three countries met on Wednesday to discuss a long-delayed agreement on sharing the river's water, officials said.</p>
<p>The talks, the first in two years, ended without a joint statement, but both sides described them as constructive and said they would meet again.</p>
<div class="related-links"><a href="/a">Earlier: talks collapse</a></div>
</div></body></html>"#;
    let p = extract_html(&html_page(html.to_string()));
    assert_eq!(p.lang.as_deref(), Some("en"));
    let a = &p.articles[0];
    assert_eq!(a.title.as_deref(), Some("Ministers meet over water deal"));
    assert_eq!(a.published, date("2024-06-19T10:05"));
    assert_eq!(a.byline.as_deref(), Some("Jane Roe, John Doe"));
    assert_eq!(a.outlet.as_deref(), Some("Daily Example"));
    assert_eq!(a.paragraphs.len(), 2);
}

/// 100,000 nested elements, extracted and dropped on a 2 MiB stack.
#[test]
fn deep_nesting_on_a_small_stack() {
    let depth = 100_000;
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let mut html = String::with_capacity(depth * 12 + 1000);
            html.push_str("<html lang=\"ar\"><body>");
            for _ in 0..depth {
                html.push_str("<span>");
            }
            html.push_str("<p>نص عميق جدا داخل عناصر متداخلة كثيرة، ولا يجوز أن ينهار المستخرج بسببه أبدا.</p>");
            for _ in 0..depth {
                html.push_str("</span>");
            }
            let mut divs = String::new();
            for _ in 0..depth {
                divs.push_str("<div>");
            }
            html.push_str(&divs);
            html.push_str("</body></html>");
            let p = extract_html(&html_page(html));
            drop(p);
            true
        })
        .expect("spawn");
    assert!(handle.join().expect("no stack overflow"));
}

/// A ~20 MB page completes and finds its article.
#[test]
fn twenty_megabyte_page() {
    let para = "<p>وقال المتحدث باسم الوزارة، في تصريح صحفي، إن العمل جار على قدم وساق لإنجاز المشروع في موعده المحدد، مؤكدا أن التمويل متوفر بالكامل.</p>\n";
    let link = "<li><a href=\"/news/item\">رابط إلى خبر آخر في الموقع</a></li>\n";
    let mut html = String::from("<html lang=\"ar\"><body><ul class=\"menu\">");
    while html.len() < 4_000_000 {
        html.push_str(link);
    }
    html.push_str("</ul><article><h1>عنوان</h1><div class=\"article-body\">");
    while html.len() < 20_000_000 {
        html.push_str(para);
    }
    html.push_str("</div></article></body></html>");
    let p = extract_html(&html_page(html));
    assert_eq!(p.articles.len(), 1);
    assert!(p.articles[0].paragraphs.len() > 50_000);
    assert!(p.furniture.len() <= marsad_html::settings::MAX_FURNITURE_ITEMS);
}

/// No <h1>, no metadata: the headline and the date are plain blocks at the
/// top of the text container, and <title> puts the site name first.
#[test]
fn div_soup_headline_and_date_blocks_are_not_body() {
    let body = [
        "قال رئيس الحكومة اللبنانية، سعد الحريري، إن الوضع الاقتصادي في البلاد صعب، لكنه ليس ميؤوسا منه إذا أقرت الإصلاحات.",
        "وأضاف الحريري في كلمة أمام مؤتمر اقتصادي في بيروت أن الحكومة ستطلق خطة لخفض العجز خلال الأشهر المقبلة.",
        "ودعا القوى السياسية إلى التعاون مع الحكومة من أجل تمرير الموازنة في موعدها الدستوري وتفادي الأزمات.",
    ];
    let html = format!(
        "<html><head><title>صدى البلد | الحريري: الوضع الاقتصادي صعب وهذا هو الحل</title></head><body>\
         <div class=\"menu\"><a href=\"/\">الرئيسية</a> <a href=\"/p\">سياسة</a></div>\
         <div class=\"content\"><div class=\"news-title\">الحريري: الوضع الاقتصادي صعب وهذا هو الحل</div>\
         <div class=\"news-date\">1/3/2018 - 01:35</div>\
         <div class=\"news-text\">{}</div></div>\
         <div class=\"footer\">جميع الحقوق محفوظة</div></body></html>",
        body.join("<br><br>")
    );
    let p = extract_html(&html_page(html));
    let a = &p.articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("الحريري: الوضع الاقتصادي صعب وهذا هو الحل")
    );
    assert_eq!(a.published, date("2018-03-01T01:35"));
    let got: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(got, body);
}

/// Stern, NTV, Tages-Anzeiger: an SEO copy of the title sits in an `<h1>`
/// inside the breadcrumb; the headline the page prints is an `<h2>` in the
/// story's header, after a kicker, and `og:title` is that headline.
#[test]
fn the_printed_headline_wins_over_a_breadcrumb_seo_copy_and_its_kicker() {
    let p = extract_html(&page("breadcrumb_seo_h1_kicker_h2.html"));
    assert_eq!(p.articles.len(), 1);
    assert_eq!(
        p.articles[0].title.as_deref(),
        Some("بديل لباي بال: هكذا قد يتحدى نظام الدفع الأوروبي الجديد المنافسين")
    );
}

/// Funke papers (WAZ, Abendblatt): the breadcrumb `<h1>` agrees with
/// `og:title` and `<title>`, but the headline printed above the body is the
/// `<h2>` that JSON-LD names.
#[test]
fn the_heading_nearest_the_body_that_matches_a_title_wins_the_vote() {
    let p = extract_html(&page("hgroup_h2_headline.html"));
    assert_eq!(
        p.articles[0].title.as_deref(),
        Some("Unbekannte Maya-Städte werfen neues Licht auf die Frühzeit")
    );
}

/// `<title>` and `og:title` both end in the site's name after a dash (not a
/// bar): the domain names it, and the `<h1>` is the headline.
#[test]
fn a_site_name_the_domain_spells_is_cut_from_the_title() {
    let mut input = page("site_name_in_title.html");
    input.url = Some("https://www.tageszeitung.it/2025/04/16/unermuedlicher-einsatz/".into());
    let p = extract_html(&input);
    assert_eq!(
        p.articles[0].title.as_deref(),
        Some("„Unermüdlicher Einsatz“")
    );
}

/// A blog page (goo.ne.jp) with no machine date: the element whose class
/// says it holds the date is trusted before the first date in the text,
/// which is the date of the races the post is about.
#[test]
fn a_date_element_beats_a_date_the_story_is_about() {
    let para = "في سباقات الخيل التي أقيمت يومي 11 يوليو 2020 و12 منه فاز الحصان الأشهب بالكأس بعد منافسة طويلة مع بقية المتسابقين في المضمار.";
    let rest = "وقال المدرب إن الحصان استعد للسباق أسابيع طويلة، وإنه يأمل أن يشارك في سباقات الخريف المقبلة إذا بقي بصحة جيدة بعد هذا الفوز.";
    let html = format!(
        "<html><body><div class=\"entry\"><div class=\"entry-top-info\"><span class=\"entry-top-info-time\">2020-07-12</span></div>\
         <h1>فوز الحصان الأشهب</h1><div class=\"entry-body\"><p>{para}</p><p>{rest}</p><p>{rest}</p></div></div></body></html>"
    );
    let p = extract_html(&html_page(html));
    assert_eq!(p.articles.len(), 1);
    assert_eq!(p.articles[0].published, date("2020-07-12"));
}

const BODY_PARAGRAPHS: &str = "<p>أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في العاصمة يضم مئتي سرير ويخدم سكان الأحياء الجنوبية.</p>\
<p>وقال الوزير في مؤتمر صحفي إن المستشفى سيستقبل أول المرضى الأسبوع المقبل بعد اكتمال تجهيز أقسامه كافة.</p>\
<p>وأضاف أن الوزارة تعمل على افتتاح ثلاثة مستشفيات أخرى في المحافظات الشمالية قبل نهاية العام الحالي، ضمن خطة لتوسيع الخدمات الصحية في المناطق البعيدة عن العاصمة.</p>\
<p>وكان سكان الأحياء الجنوبية قد اشتكوا طويلا من بعد المستشفيات القائمة واكتظاظها، واضطر كثير منهم إلى قطع مسافات طويلة لتلقي العلاج في المراكز الكبرى.</p>";

/// No `og:site_name`, no JSON-LD: the site's name is what its `<title>` prints
/// beside the headline, once the page confirms it (its logo, here); a section
/// name beside the headline is not the site.
#[test]
fn outlet_from_the_title_beside_the_headline_when_the_page_confirms_it() {
    let headline = "افتتاح مستشفى جديد في العاصمة";
    let page = |title: String, header: &str| {
        html_page(format!(
            "<html><head><title>{title}</title></head><body><header>{header}</header>\
             <article><h1>{headline}</h1>{BODY_PARAGRAPHS}</article></body></html>"
        ))
    };
    let logo = page(
        format!("{headline} - صحيفة النبأ"),
        r#"<a class="site-logo" href="/">صحيفة النبأ</a>"#,
    );
    let a = &extract_html(&logo).articles[0];
    assert_eq!(a.title.as_deref(), Some(headline));
    assert_eq!(a.outlet.as_deref(), Some("صحيفة النبأ"));

    let section = page(
        format!("{headline} - محليات"),
        r#"<nav><a href="/local">محليات</a></nav>"#,
    );
    assert_eq!(extract_html(&section).articles[0].outlet, None);
}

/// A publisher name escaped twice by the site is decoded once more.
#[test]
fn a_doubly_escaped_publisher_name_is_decoded() {
    let html = format!(
        r#"<html><head><meta property="og:site_name" content="Freie Presse - Verlag GmbH &amp;amp; Co. KG"></head>
        <body><article><h1>عنوان</h1>{BODY_PARAGRAPHS}</article></body></html>"#
    );
    let a = &extract_html(&html_page(html)).articles[0];
    assert_eq!(
        a.outlet.as_deref(),
        Some("Freie Presse - Verlag GmbH & Co. KG")
    );
}
