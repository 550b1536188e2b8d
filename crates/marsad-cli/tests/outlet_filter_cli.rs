//! `marsad articles --outlet X` and `marsad search … --outlet X` fold the outlet the same way:
//! whatever spelling a user types (diacritics, hamza and alef variants, ة/ه, the outlet's
//! English name or id, its domain or a URL of it), both filters find the same articles.
//! Pages are ingested through the binary from a WARC crawl, so the outlets stored are the
//! ones extraction gives (the page's own name, else the site it came from).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ids(out: &Output, key: &str) -> BTreeSet<i64> {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each stdout line is JSON");
            v[key].as_i64().expect("an id")
        })
        .collect()
}

fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(html.as_bytes());
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

/// A news page; `site_name` goes in `og:site_name` when given.
fn page(n: usize, site_name: Option<&str>) -> String {
    let meta = site_name
        .map(|s| format!(r#"<meta property="og:site_name" content="{s}">"#))
        .unwrap_or_default();
    let paragraphs: String = (0..4)
        .map(|k| {
            format!(
                "<p>وصل الوفد البرلماني رقم {n} إلى العاصمة صباح اليوم في زيارة رسمية تستمر \
                 ثلاثة أيام، يلتقي خلالها مسؤولين حكوميين لبحث ملفات التعاون الاقتصادي {k}.</p>"
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{meta}
<title>وفد برلماني رقم {n} يصل العاصمة</title></head><body><article>
<h1>وفد برلماني رقم {n} يصل العاصمة</h1>
<time datetime="2024-06-0{n}T09:00:00+03:00">{n} يونيو 2024</time>
{paragraphs}</article></body></html>"#
    )
}

#[test]
fn articles_and_search_fold_every_spelling_of_an_outlet_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = Vec::new();
    // A known outlet named with diacritics on its page; one known only by its domain; an
    // outlet the table does not know, named with hamza and ta marbuta; one with no name.
    let pages = [
        ("https://example.org/khabarayn/1", Some("خَبَرْيْن")),
        ("https://www.aawsat.com/node/2", None),
        ("https://alayyam.example/3", Some("صحيفة الأيام المحلية")),
        ("https://www.news.example.sd/4", None),
        ("https://example.org/khabarayn/5", Some("خبرين")),
    ];
    for (n, (url, name)) in pages.iter().enumerate() {
        warc.extend(warc_response(url, &page(n + 1, *name)));
    }
    let crawl = dir.path().join("crawl.warc");
    std::fs::write(&crawl, warc).unwrap();
    let data = dir.path().join("data");
    let out = marsad()
        .arg("ingest")
        .arg("--data")
        .arg(&data)
        .arg(&crawl)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let all = ids(&articles(&data, &[]), "id");
    assert_eq!(all.len(), 5, "one article per page");

    let outlets: [(&[&str], usize); 4] = [
        (&["خبرين", "خَبَرْيْن", "خبرين ", "KHABARAYN", "khabarayn"], 2),
        (
            &[
                "الشرق الأوسط",
                "الشرق الاوسط",
                "الشرق الأوسط",
                "aawsat.com",
                "www.aawsat.com",
                "https://aawsat.com/node/9",
                "Asharq Al-Awsat",
            ],
            1,
        ),
        (
            &[
                "صحيفة الأيام المحلية",
                "صحيفه الايام المحليه",
                "صحيفة الأيّام المحليّة",
                "صحيفة  الأيام المحلية",
            ],
            1,
        ),
        (
            &[
                "news.example.sd",
                "www.news.example.sd",
                "https://news.example.sd/",
                "NEWS.EXAMPLE.SD",
            ],
            1,
        ),
    ];
    let mut seen = BTreeSet::new();
    for (spellings, expected) in outlets {
        let listed = ids(&articles(&data, &["--outlet", spellings[0]]), "id");
        assert_eq!(
            listed.len(),
            expected,
            "articles --outlet {:?}",
            spellings[0]
        );
        assert!(
            listed.is_disjoint(&seen),
            "{:?} finds another outlet's",
            spellings[0]
        );
        seen.extend(listed.iter().copied());
        for spelling in spellings {
            let by_articles = ids(&articles(&data, &["--outlet", spelling]), "id");
            let by_search = ids(
                &search(&data, &["الوفد", "--outlet", spelling]),
                "article_id",
            );
            assert_eq!(by_articles, listed, "articles --outlet {spelling:?}");
            assert_eq!(by_search, listed, "search --outlet {spelling:?}");
        }
    }
    assert_eq!(seen, all, "every article is found under its outlet");
    // An outlet nobody published under finds nothing in either.
    assert!(ids(&articles(&data, &["--outlet", "الجزيرة"]), "id").is_empty());
    assert!(ids(
        &search(&data, &["الوفد", "--outlet", "الجزيرة"]),
        "article_id"
    )
    .is_empty());
}

fn articles(data: &Path, args: &[&str]) -> Output {
    marsad()
        .args(["articles", "--json", "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn search(data: &Path, args: &[&str]) -> Output {
    marsad()
        .args(["search", "--json", "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}
