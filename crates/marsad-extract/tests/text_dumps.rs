//! What text-dump extraction must get right, stated case by case on small
//! dumps built from real page structure (the golden files hold the rest).

use marsad_model::{ExtractedPage, FurnitureKind, Page, PageFormat, ParagraphKind, Role};

fn extract(content: &str) -> ExtractedPage {
    marsad_extract::extract(&Page {
        source: "t.txt".into(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        content: content.into(),
    })
}

fn fixture(name: &str) -> ExtractedPage {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    extract(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn levantine_month_with_bidi_marks_and_eastern_digits() {
    let page = fixture("levantine_bidi.txt");
    let a = &page.articles[0];
    assert_eq!(a.published.unwrap().to_string(), "2025-10-12T10:30");
    assert_eq!(
        a.title.as_deref(),
        Some("مجلس النواب يقرّ موازنة ٢٠٢٦ بعد جلسة ماراثونية")
    );
    assert_eq!(a.byline.as_deref(), Some("سامر الحسيني"));
    assert_eq!(a.outlet.as_deref(), Some("النهار العربي"));
    let sub: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Subheading)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(sub, ["الموقف الدولي"]);
    assert!(page
        .furniture
        .iter()
        .any(|f| f.kind == FurnitureKind::Interstitial && f.text.starts_with("اقرأ أيضاً:")));
}

#[test]
fn crlf_maghrebi_month_and_a_comment_thread_that_is_not_an_article() {
    let page = fixture("maghrebi_crlf_comments.txt");
    assert_eq!(page.articles.len(), 1);
    let a = &page.articles[0];
    assert_eq!(a.published.unwrap().to_string(), "2024-07-11T14:20");
    assert_eq!(a.paragraphs.len(), 3);
    assert!(a.paragraphs.iter().all(|p| !p.text.contains('\r')));
    let comments = page
        .furniture
        .iter()
        .filter(|f| f.kind == FurnitureKind::Comments)
        .count();
    assert!(comments >= 10, "comment lines: {comments}");
}

#[test]
fn hijri_beside_gregorian_keeps_the_gregorian_and_agency_credit_is_the_source() {
    let a = &fixture("hijri_eastern_digits.txt").articles[0];
    assert_eq!(a.published.unwrap().to_string(), "2020-06-03");
    assert_eq!(
        a.title.as_deref(),
        Some("مجلس الوزراء يقر تمديد العمل بالإجراءات الاحترازية")
    );
    assert_eq!(a.original_source.as_deref(), Some("واس"));
}

#[test]
fn dual_month_names_and_read_also_opening_an_appended_article() {
    let page = fixture("dual_month_appended.txt");
    assert_eq!(page.articles.len(), 2);
    let (main, appended) = (&page.articles[0], &page.articles[1]);
    assert_eq!(main.role, Role::Main);
    assert_eq!(appended.role, Role::Appended);
    assert_eq!(main.published.unwrap().to_string(), "2020-03-17T09:15");
    assert_eq!(main.dateline.as_deref(), Some("القاهرة (رويترز)"));
    assert_eq!(main.captions.len(), 1);
    assert_eq!(
        appended.title.as_deref(),
        Some("السعودية تعلق صلاة الجمعة في المساجد عدا الحرمين")
    );
    assert_eq!(appended.paragraphs.len(), 3);
}

#[test]
fn a_section_front_has_no_article() {
    let page = fixture("no_article_section_front.txt");
    assert!(page.articles.is_empty());
    assert!(page.furniture.len() >= 10);
}

#[test]
fn empty_and_whitespace_pages_have_no_article() {
    assert!(extract("").articles.is_empty());
    assert!(extract("\n \n\u{00A0}\n").articles.is_empty());
}

#[test]
fn interstitial_marker_followed_by_a_link_title_stays_furniture() {
    let body =
        "وقال المتحدث إن الحكومة ستواصل العمل على تنفيذ الخطة المعلنة خلال الأشهر المقبلة دون تأخير.";
    let page = extract(&format!(
        "عنوان الخبر الرئيسي عن الخطة الحكومية\n\n{body}\n\n{body} ثانياً.\n\nإقرأ أيضاً:\nعنوان خبر آخر لا علاقة له بالموضوع\n\n{body} ثالثاً.\n\n{body} رابعاً.\n"
    ));
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    assert_eq!(page.articles[0].paragraphs.len(), 4);
}

#[test]
fn a_caption_repeating_a_paragraph_stays_out_of_the_body() {
    let p1 = "أكد الرئيس في كلمته أمام البرلمان أن الحكومة ماضية في تنفيذ برنامج الإصلاح الاقتصادي رغم الصعوبات.";
    let p2 = "وشدد الرئيس على أن التعاون بين البلدين يقوم على مبادئ «المساواة والاحترام المتبادل»، مضيفاً أن العلاقات ستتطور.";
    let caption =
        "وشدد الرئيس على أن التعاون بين البلدين يقوم على مبادئ «المساواة والاحترام المتبادل»";
    let p3 = "واختتم الرئيس كلمته بالدعوة إلى الحوار الوطني الشامل بين جميع القوى السياسية في البلاد دون استثناء.";
    let page = extract(&format!(
        "الرئيس يدعو إلى حوار وطني شامل\n\n{p1}\n\n{caption}\n\n{p2}\n\n{p3}\n"
    ));
    let a = &page.articles[0];
    assert_eq!(a.captions.len(), 1, "{a:#?}");
    assert_eq!(a.captions[0].line, Some(5));
    assert!(a.paragraphs.iter().all(|p| p.line != Some(5)));
    assert_eq!(a.paragraphs.len(), 3);
}

/// Random pages built from the pieces real dumps are made of (prose, cue
/// phrases, dates, captions, bidi marks, odd line ends, stray bytes) never
/// make extraction panic, and every line it reports exists in the input.
#[test]
fn random_dumps_never_panic_and_report_real_lines() {
    const PIECES: &[&str] = &[
        "أكد الرئيس في كلمته أمام البرلمان أن الحكومة ماضية في تنفيذ برنامج الإصلاح الاقتصادي رغم الصعوبات.",
        "وقال المتحدث باسم الوزارة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة القطرية الدوحة",
        "عنوان قصير للخبر",
        "شاهد ايضاً: عنوان خبر آخر",
        "إقرأ أيضاً:",
        "أخبار ذات صلة",
        "لا توجد تعليقات على الخبر",
        "الثلاثاء، 19 نوفمبر 2024 02:31 م",
        "١١ شوال ١٤٤١هـ - ٠٣ يونيو ٢٠٢٠م",
        "صورة من الأرشيف (رويترز)",
        "© 2025 جميع الحقوق محفوظة",
        "FacebookTwitterWhatsApp",
        "المصدر: الجزيرة",
        "كلمات دلالية: سياسة",
        "READ  something",
        "\u{200F}\u{202B}",
        "«",
        ":",
        "TT",
        "على خطى حلف الناتوتكمن أهمية الزيارة في المضامين الموضوعية أكثر منها من حيث الشكل.",
        "x",
        "",
    ];
    const BREAKS: &[&str] = &["\n", "\r\n", "\n\n", " ", "\r", "\n \n"];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..2_000 {
        let mut page = String::new();
        for _ in 0..next(60) {
            page.push_str(PIECES[next(PIECES.len())]);
            page.push_str(BREAKS[next(BREAKS.len())]);
        }
        let lines = page.split('\n').count() as u32;
        let got = extract(&page);
        for a in &got.articles {
            for p in &a.paragraphs {
                let l = p.line.unwrap();
                assert!(l >= 1 && l <= lines, "line {l} of {lines}");
                assert!(!p.text.trim().is_empty());
            }
            if let Some(t) = a.title_line {
                assert!(t >= 1 && t <= lines);
            }
        }
    }
}

#[test]
fn html_articles_get_their_dateline_from_the_lead_in_too() {
    let html = "<html lang=\"ar\"><body><article><h1>مصر تعلن تعليق الرحلات الجوية مع عدد من الدول</h1>\
        <p>القاهرة (رويترز) - أعلنت الحكومة المصرية، اليوم الثلاثاء، تعليق حركة الطيران في جميع المطارات المصرية اعتبارا من ظهر الخميس.</p>\
        <p>وقال رئيس الوزراء في مؤتمر صحفي إن القرار يستثني رحلات الشحن والرحلات التي تقل السياح العالقين في البلاد.</p>\
        <p>وأضاف أن الدولة خصصت مبالغ إضافية لدعم القطاع الصحي، وأن المستشفيات الجامعية ستستقبل الحالات على مدار الساعة.</p>\
        </article></body></html>";
    let page = marsad_extract::extract(&Page {
        source: "p.html".into(),
        format: PageFormat::Html,
        url: None,
        fetched: None,
        content: html.into(),
    });
    let a = &page.articles[0];
    assert_eq!(a.dateline.as_deref(), Some("القاهرة (رويترز)"));
    assert_eq!(a.original_source.as_deref(), Some("رويترز"));
}

#[test]
fn a_read_also_list_inside_the_body_and_hashtags_do_not_end_the_article() {
    let p = |n: usize| {
        format!("وقال المسؤول في الفقرة رقم {n} إن #البرنامج_السعودي_لكفاءة_الطاقة يعمل على خفض استهلاك الوقود في قطاع النقل خلال السنوات المقبلة.")
    };
    let page = extract(&format!(
        "عنوان الخبر عن برنامج كفاءة الطاقة\n{}\n{}\nاقرأ أيضاً:\nعنوان خبر أول\nعنوان خبر ثان\nعنوان خبر ثالث\n{}\n{}\n",
        p(1),
        p(2),
        p(3),
        p(4)
    ));
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.title_line, Some(1));
    let body: Vec<u32> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Body)
        .filter_map(|p| p.line)
        .collect();
    assert_eq!(body, [2, 3, 8, 9]);
    let links = page
        .furniture
        .iter()
        .filter(|f| f.kind == FurnitureKind::Interstitial)
        .count();
    assert_eq!(links, 4, "the marker and its three link titles");
}

/// A page copied with its source's footer: the credit past that footer is the story's
/// (seed 003 republishes الجزيرة), while a credit under a footer naming something else is
/// the site's own (`prose_credit_after_footer.txt`).
#[test]
fn a_credit_past_a_footer_counts_when_the_footer_names_that_source() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/003_f0d6148bd234925b.txt");
    let content = std::fs::read_to_string(&seed).expect("the seeds beside the repository");
    let page = extract(&content);
    let main = page
        .articles
        .iter()
        .find(|a| a.role == Role::Main)
        .expect("a main article");
    assert_eq!(main.original_source.as_deref(), Some("الجزيرة"));
    let other = fixture("prose_credit_after_footer.txt");
    assert!(other.articles.iter().all(|a| a.original_source.is_none()));
}
