//! Each importer on a small inline sample of its format, built here the way
//! the real corpora are laid out.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use marsad_corpus::{detect, for_each_record, CleanArticle, Corpus, RecordError, RecordErrorKind};
use tempfile::TempDir;

fn read_all(path: &Path, corpus: Corpus) -> Vec<Result<CleanArticle, RecordError>> {
    let mut out = Vec::new();
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let _ = for_each_record(path, &name, corpus, &mut |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    out
}

// --- ANT -------------------------------------------------------------------

const BBC_DOC: &str = "<DOC>
<DOCNO>BB-sport-1-20180301</DOCNO>
<URL>http://www.bbc.co.uk/arabic/sports-43250000</URL>
<SRC>BBC</SRC>
<CAT>sport</CAT>
<TITLE>صلاح يقود ليفربول إلى الفوز</TITLE>
<TIME>Thu, 01 Mar 2018 14:20:10 GMT</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
النجم المصري يسجل هدفين ويعزز صدارته لقائمة الهدافين.
</ABSTRACT>
<TEXT>
قاد محمد صلاح فريقه ليفربول إلى فوز كبير مساء الأربعاء.
وسجل صلاح هدفين في الشوط الثاني.
</TEXT>
</DOC>
";

/// Not well-formed XML: a bare `&` in the title and the text.
const SKY_DOC_BARE_AMP: &str = "<DOC>
<DOCNO>SN-economy-5-20180415</DOCNO>
<URL>https://www.skynewsarabia.com/business/1000001</URL>
<SRC>skynews</SRC>
<CAT>economy</CAT>
<TITLE>H&M تفتتح متجرها الأول في بغداد</TITLE>
<TIME>Sun, 15 Apr 2018 21:35:43 +0400</TIME>
<AUTHOR>أبوظبي - سكاي نيوز عربية</AUTHOR>
<ABSTRACT>
أعلنت شركة H&M السويدية للأزياء افتتاح متجرها الأول...
</ABSTRACT>
<TEXT>
أعلنت شركة H&M السويدية للأزياء افتتاح متجرها الأول في العراق.
وقالت الشركة إن D&G &amp; غيرها تنافس في السوق.
</TEXT>
</DOC>
";

const FRANCE24_EMPTY_TEXT: &str = "<DOC>
<DOCNO>FR-sport-214-20180629</DOCNO>
<URL>https://www.france24.com/ar/20180629-x</URL>
<SRC>france24</SRC>
<CAT>sport</CAT>
<TITLE>عنوان بلا نص</TITLE>
<TIME>Fri, 29 Jun 2018 10:00:00 GMT</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
</ABSTRACT>
<TEXT>

</TEXT>
</DOC>
";

fn write_ant_tar_gz(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    let mut add = |name: &str, body: &str| {
        let mut header = tar::Header::new_gnu();
        header.set_size(body.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, body.as_bytes()).unwrap();
    };
    add("README.md", "ANT Corpus\n==========\n");
    add("BBC/sport/BB-sport-1-20180301.txt", BBC_DOC);
    add(
        "SkyNews/economy/SN-economy-5-20180415.txt",
        SKY_DOC_BARE_AMP,
    );
    add(
        "France24/sport/FR-sport-214-20180629.txt",
        FRANCE24_EMPTY_TEXT,
    );
    // The same article filed under a second category.
    add(
        "BBC/middleEast/BB-middleEast-9-20180301.txt",
        &BBC_DOC.replace("<CAT>sport</CAT>", "<CAT>middleEast</CAT>"),
    );
    tar.into_inner().unwrap().finish().unwrap();
}

#[test]
fn ant_tar_gz_imports_leniently_and_reports_empty_text() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("ant.tar.gz");
    write_ant_tar_gz(&path);
    assert_eq!(detect(&path).unwrap(), Some(Corpus::Ant));

    let got = read_all(&path, Corpus::Ant);
    assert_eq!(got.len(), 4, "{got:#?}");

    let bbc = got[0].as_ref().unwrap();
    assert_eq!(
        bbc,
        &CleanArticle {
            source: "ant.tar.gz#BBC/sport/BB-sport-1-20180301.txt".into(),
            corpus: "ant".into(),
            url: Some("http://www.bbc.co.uk/arabic/sports-43250000".into()),
            title: Some("صلاح يقود ليفربول إلى الفوز".into()),
            subtitle: Some("النجم المصري يسجل هدفين ويعزز صدارته لقائمة الهدافين.".into()),
            text: "قاد محمد صلاح فريقه ليفربول إلى فوز كبير مساء الأربعاء.\n\n\
                   وسجل صلاح هدفين في الشوط الثاني."
                .into(),
            published: Some("2018-03-01T14:20".parse().unwrap()),
            fetched: None,
            outlet: Some("بي بي سي عربي".into()),
            byline: None,
        }
    );

    let sky = got[1].as_ref().expect("the bare-& file still imports");
    assert_eq!(sky.title.as_deref(), Some("H&M تفتتح متجرها الأول في بغداد"));
    assert_eq!(
        sky.text,
        "أعلنت شركة H&M السويدية للأزياء افتتاح متجرها الأول في العراق.\n\n\
         وقالت الشركة إن D&G & غيرها تنافس في السوق."
    );
    // Local time as written, not shifted from +0400.
    assert_eq!(sky.published.unwrap().to_string(), "2018-04-15T21:35");
    assert_eq!(sky.outlet.as_deref(), Some("سكاي نيوز عربية"));
    assert_eq!(sky.byline.as_deref(), Some("أبوظبي - سكاي نيوز عربية"));
    // The abstract is the text's own opening: no subtitle.
    assert_eq!(sky.subtitle, None);

    let empty = got[2].as_ref().unwrap_err();
    assert_eq!(
        empty.record,
        "ant.tar.gz#France24/sport/FR-sport-214-20180629.txt"
    );
    assert!(matches!(empty.kind, RecordErrorKind::EmptyText));
    assert_eq!(
        empty.to_string(),
        "ant.tar.gz#France24/sport/FR-sport-214-20180629.txt: empty text, skipped"
    );

    let twin = got[3].as_ref().unwrap();
    assert_eq!(
        (&twin.url, &twin.title, &twin.text),
        (&bbc.url, &bbc.title, &bbc.text)
    );
    assert_eq!(
        twin.source,
        "ant.tar.gz#BBC/middleEast/BB-middleEast-9-20180301.txt"
    );

    // The store keeps the twin once.
    use marsad_store::Store;
    let store_dir = TempDir::new().unwrap();
    let mut store = marsad_store_sqlite::SqliteStore::open(store_dir.path()).unwrap();
    let records: Vec<marsad_store::NewPage> = got
        .into_iter()
        .flatten()
        .map(|r: CleanArticle| marsad_store::NewPage::from_clean(r, "ant test"))
        .collect();
    let stats = store.insert_pages(records).unwrap().stats;
    assert_eq!((stats.new_pages, stats.duplicates), (2, 1));
}

#[test]
fn a_single_doc_file_is_an_ant_record() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("SN-economy-5-20180415.txt");
    std::fs::write(&path, SKY_DOC_BARE_AMP).unwrap();
    assert_eq!(detect(&path).unwrap(), Some(Corpus::Ant));
    let got = read_all(&path, Corpus::Ant);
    assert_eq!(got.len(), 1);
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.source, "SN-economy-5-20180415.txt");
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.skynewsarabia.com/business/1000001")
    );
}

#[test]
fn a_doc_without_text_is_invalid_not_empty() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, "<DOC>\n<TITLE>x</TITLE>\n</DOC>\n").unwrap();
    let got = read_all(&path, Corpus::Ant);
    let e = got[0].as_ref().unwrap_err();
    assert_eq!(e.to_string(), "broken.txt: no <TEXT> field");
    assert!(!e.is_empty_text());
}

// --- SaudiNewsNet -----------------------------------------------------------

const SNN_JSON: &str = r#"[
    {
        "source": "aawsat",
        "url": "http://aawsat.com/home/article/411641/الفقر",
        "date_extracted": "2015-07-22 00:05:53",
        "title": "الفقر أحد أسباب تأخر النمو العقلي لدى الأطفال",
        "author": "القاهرة: «الشرق الأوسط أونلاين»",
        "content": "توصلت دراسة جديدة إلى أن الفقر يؤثر على مخ الأطفال.\nوقال كبير الباحثين: «الدراسة تغلق الحلقة»."
    },
    {
        "source": "okaz",
        "url": "http://www.okaz.com.sa/new/Issues/20150722/Con20150722785386.htm",
        "date_extracted": "2015-07-22 01:10:00",
        "title": "خبر بلا محتوى",
        "author": "",
        "content": ""
    },
    {
        "source": "arriyadiyah",
        "url": "http://www.arriyadiyah.com/123",
        "date_extracted": "2015-07-22 02:00:00",
        "title": "",
        "author": "",
        "content": "الهلال يتعاقد مع مدرب جديد"
    }
]"#;

fn write_snn_zip(path: &Path, method: zip::CompressionMethod) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    zip.start_file("2015-07-22.json", options).unwrap();
    zip.write_all(SNN_JSON.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn saudinewsnet_zip_keeps_the_crawl_date_apart_and_skips_empty_content() {
    for method in [
        zip::CompressionMethod::Deflated,
        zip::CompressionMethod::Stored,
    ] {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("2015-07-22.zip");
        write_snn_zip(&path, method);
        assert_eq!(detect(&path).unwrap(), Some(Corpus::SaudiNewsNet));

        let got = read_all(&path, Corpus::SaudiNewsNet);
        assert_eq!(got.len(), 3, "{method}: {got:#?}");
        assert_eq!(
            got[0].as_ref().unwrap(),
            &CleanArticle {
                source: "2015-07-22.zip#1".into(),
                corpus: "saudinewsnet".into(),
                url: Some("http://aawsat.com/home/article/411641/الفقر".into()),
                title: Some("الفقر أحد أسباب تأخر النمو العقلي لدى الأطفال".into()),
                subtitle: None,
                text: "توصلت دراسة جديدة إلى أن الفقر يؤثر على مخ الأطفال.\n\n\
                       وقال كبير الباحثين: «الدراسة تغلق الحلقة»."
                    .into(),
                published: None,
                fetched: Some("2015-07-22 00:05:53".into()),
                outlet: Some("الشرق الأوسط".into()),
                byline: Some("القاهرة: «الشرق الأوسط أونلاين»".into()),
            }
        );
        let empty = got[1].as_ref().unwrap_err();
        assert_eq!(empty.record, "2015-07-22.zip#2");
        assert!(empty.is_empty_text());
        let untitled = got[2].as_ref().unwrap();
        assert_eq!(untitled.source, "2015-07-22.zip#3");
        assert_eq!(untitled.title, None);
        assert_eq!(untitled.outlet.as_deref(), Some("الرياضية"));
        assert_eq!(untitled.text, "الهلال يتعاقد مع مدرب جديد");
    }
}

#[test]
fn a_corrupt_zip_member_is_reported() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bad.zip");
    write_snn_zip(&path, zip::CompressionMethod::Stored);
    // Flip one byte of the stored JSON (inside the first record's url).
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes
        .windows(b"home/article".len())
        .position(|w| w == b"home/article")
        .unwrap();
    bytes[at] = b'H';
    std::fs::write(&path, &bytes).unwrap();
    let got = read_all(&path, Corpus::SaudiNewsNet);
    let last = got.last().unwrap().as_ref().unwrap_err();
    assert_eq!(
        last.to_string(),
        "bad.zip#4: zip member is corrupt (checksum mismatch)"
    );
}

// --- JSON Lines and recognition -------------------------------------------

#[test]
fn json_lines_file_is_recognised_and_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"title": "أ", "text": "نص أ", "url": "https://x.example/a", "date": "Thu, 01 Mar 2018 14:20:10 +0300", "outlet": "CNN"}"#,
            "\n",
            r#"{"title": "ب", "text": "", "url": "https://x.example/b"}"#,
            "\n",
        ),
    )
    .unwrap();
    assert_eq!(detect(&path).unwrap(), Some(Corpus::Jsonl));
    let got = read_all(&path, Corpus::Jsonl);
    assert_eq!(got.len(), 2);
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.source, "news.jsonl#1");
    assert_eq!(a.published.unwrap().to_string(), "2018-03-01T14:20");
    assert_eq!(a.outlet.as_deref(), Some("سي إن إن بالعربية"));
    assert!(got[1].as_ref().unwrap_err().is_empty_text());
}

#[test]
fn pages_and_other_json_are_not_corpora() {
    let dir = TempDir::new().unwrap();
    let cases = [
        ("page.txt", "بوتين يصل إلى بيونغ يانغ\n\nنص الخبر\n"),
        (
            "page.html",
            "<!doctype html><html><body><p>x</p></body></html>",
        ),
        ("gold.json", "{\n \"about\": \"hand annotations\"\n}\n"),
        ("array.json", "[{\"a\": 1}]"),
    ];
    for (name, body) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        assert_eq!(detect(&path).unwrap(), None, "{name}");
    }
    // A gzip that is not a tar of DOCs (a gzipped page) is not a corpus either.
    let path = dir.path().join("page.html.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(b"<!doctype html><html><body><p>x</p></body></html>")
        .unwrap();
    gz.finish().unwrap();
    assert_eq!(detect(&path).unwrap(), None);
}
