//! Discovery: article links out of RSS 2.0 / Atom feeds (feed-rs) and out of
//! sitemaps, sitemap indexes and Google-News sitemaps (quick-xml).

use std::io::Read;

use chrono::{DateTime, Utc};
use flate2::read::MultiGzDecoder;
use quick_xml::events::Event;
use quick_xml::Reader;

/// An article link announced by a feed or a sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    pub url: String,
    pub title: Option<String>,
    /// When the outlet says the article appeared.
    pub published: Option<DateTime<Utc>>,
    /// When the outlet says the article last changed (feed `updated`,
    /// sitemap `lastmod`); a change after our fetch asks for a revision.
    pub modified: Option<DateTime<Utc>>,
}

/// What a sitemap holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sitemap {
    /// Child sitemaps of a sitemap index.
    pub sitemaps: Vec<String>,
    /// Pages of a URL set.
    pub pages: Vec<Announced>,
}

/// The article links of an RSS 2.0, Atom or JSON feed.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Announced>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed: {e}"))?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())?;
            Some(Announced {
                url: link.href.trim().to_string(),
                title: entry.title.map(|t| t.content.trim().to_string()),
                published: entry.published,
                // RSS has no `updated`; feed-rs then copies nothing, so a
                // plain RSS item never asks for a revision by itself.
                modified: entry.updated.filter(|u| Some(*u) != entry.published),
            })
        })
        .collect())
}

/// Largest decompressed sitemap read (the protocol's own limit is 50 MB).
pub const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

/// The child sitemaps or pages of a sitemap (gzipped or not).
pub fn parse_sitemap(bytes: &[u8]) -> Result<Sitemap, String> {
    let unzipped;
    let xml = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        MultiGzDecoder::new(bytes)
            .take(MAX_SITEMAP_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("bad gzip: {e}"))?;
        if out.len() as u64 > MAX_SITEMAP_BYTES {
            return Err(format!("over {MAX_SITEMAP_BYTES} bytes unzipped"));
        }
        unzipped = out;
        &unzipped[..]
    } else {
        bytes
    };

    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Sitemap::default();
    let mut root: Option<Vec<u8>> = None;
    // The element whose text is being read, and the entry being built.
    let mut field: Option<Vec<u8>> = None;
    let mut entry: Option<Entry> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("not a sitemap: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if root.is_none() {
                    if name != b"urlset" && name != b"sitemapindex" {
                        return Err(format!(
                            "not a sitemap: root element <{}>",
                            String::from_utf8_lossy(&name)
                        ));
                    }
                    root = Some(name);
                    continue;
                }
                match name.as_slice() {
                    b"url" | b"sitemap" => entry = Some(Entry::default()),
                    _ => field = Some(name),
                }
            }
            Event::Text(t) => {
                if let (Some(f), Some(en)) = (&field, entry.as_mut()) {
                    let text = t.decode().map_err(|e| format!("not a sitemap: {e}"))?;
                    en.append(f, &text);
                }
            }
            Event::CData(t) => {
                if let (Some(f), Some(en)) = (&field, entry.as_mut()) {
                    en.append(f, &String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                // An entity inside a field (`&amp;` in a query string).
                if let (Some(f), Some(en)) = (&field, entry.as_mut()) {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => r.decode().ok().and_then(|name| {
                            quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                        }),
                    };
                    if let Some(text) = resolved {
                        en.append(f, &text);
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_slice() {
                    b"url" => {
                        if let Some(page) = entry.take().and_then(Entry::into_page) {
                            out.pages.push(page);
                        }
                    }
                    b"sitemap" => {
                        if let Some(loc) = entry.take().and_then(|e| e.loc) {
                            out.sitemaps.push(loc.trim().to_string());
                        }
                    }
                    _ => field = None,
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if root.is_none() {
        return Err("not a sitemap: no root element".into());
    }
    Ok(out)
}

/// Fields of one `<url>` or `<sitemap>` being read.
#[derive(Default)]
struct Entry {
    loc: Option<String>,
    lastmod: Option<String>,
    publication_date: Option<String>,
    title: Option<String>,
}

impl Entry {
    fn slot(&mut self, field: &[u8]) -> Option<&mut Option<String>> {
        match field {
            b"loc" => Some(&mut self.loc),
            b"lastmod" => Some(&mut self.lastmod),
            b"publication_date" => Some(&mut self.publication_date),
            b"title" => Some(&mut self.title),
            _ => None,
        }
    }

    fn append(&mut self, field: &[u8], text: &str) {
        if let Some(slot) = self.slot(field) {
            slot.get_or_insert_with(String::new).push_str(text);
        }
    }

    fn into_page(self) -> Option<Announced> {
        let url = self.loc?.trim().to_string();
        if url.is_empty() {
            return None;
        }
        Some(Announced {
            url,
            title: self.title.map(|t| t.trim().to_string()),
            published: self.publication_date.as_deref().and_then(parse_w3c_date),
            modified: self.lastmod.as_deref().and_then(parse_w3c_date),
        })
    }
}

/// A sitemap date: W3C datetime (`2026-03-01T10:00:00+03:00`) or a bare day.
fn parse_w3c_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            // Minutes without seconds (`2026-03-01T10:00+03:00`) are allowed by W3C.
            DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z")
                .map(|d| d.with_timezone(&Utc))
                .ok()
        })
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_arabic_titles() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>الأخبار</title><link>https://example.net/</link>
<item><title>وزير الخارجية يزور القاهرة</title><link>https://example.net/news/1</link>
<pubDate>Sun, 01 Mar 2026 10:00:00 +0300</pubDate></item>
<item><title>أسعار النفط</title><link>https://example.net/news/2?utm_source=rss</link></item>
</channel></rss>"#;
        let items = parse_feed(rss.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].title.as_deref(),
            Some("وزير الخارجية يزور القاهرة")
        );
        assert_eq!(items[0].url, "https://example.net/news/1");
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()),
            Some("2026-03-01T07:00:00+00:00".into())
        );
        assert_eq!(items[0].modified, None);
    }

    #[test]
    fn atom_entries_with_updates() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title><id>urn:x</id>
<updated>2026-03-02T00:00:00Z</updated>
<entry><title>قمة الرياض</title><id>urn:1</id>
<link rel="alternate" href="https://example.net/a/1"/>
<published>2026-03-01T08:00:00Z</published><updated>2026-03-01T12:00:00Z</updated></entry>
</feed>"#;
        let items = parse_feed(atom.as_bytes()).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].url, "https://example.net/a/1");
        assert_eq!(items[0].title.as_deref(), Some("قمة الرياض"));
        assert!(items[0].modified > items[0].published);
    }

    #[test]
    fn html_is_not_a_feed() {
        let err = parse_feed(b"<html><body>Not found</body></html>").unwrap_err();
        assert!(err.starts_with("not a feed"), "{err}");
    }

    #[test]
    fn sitemap_index_and_news_sitemap() {
        let index = r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.net/sitemap-1.xml</loc><lastmod>2026-03-01</lastmod></sitemap>
<sitemap><loc>https://example.net/sitemap-news.xml</loc></sitemap>
</sitemapindex>"#;
        let s = parse_sitemap(index.as_bytes()).unwrap();
        assert_eq!(
            s.sitemaps,
            vec![
                "https://example.net/sitemap-1.xml",
                "https://example.net/sitemap-news.xml"
            ]
        );
        assert!(s.pages.is_empty());

        let news = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.net/news/7?a=1&amp;b=2</loc>
<news:news><news:publication><news:name>المرصد</news:name><news:language>ar</news:language></news:publication>
<news:publication_date>2026-03-01T10:30:00+03:00</news:publication_date>
<news:title>انتخابات بلدية في <![CDATA[تونس]]></news:title></news:news></url>
<url><loc> https://example.net/news/8 </loc><lastmod>2026-03-02T09:00+03:00</lastmod></url>
</urlset>"#;
        let s = parse_sitemap(news.as_bytes()).unwrap();
        assert_eq!(s.pages.len(), 2);
        assert_eq!(s.pages[0].url, "https://example.net/news/7?a=1&b=2");
        assert_eq!(s.pages[0].title.as_deref(), Some("انتخابات بلدية في تونس"));
        assert_eq!(
            s.pages[0].published.map(|d| d.to_rfc3339()),
            Some("2026-03-01T07:30:00+00:00".into())
        );
        assert_eq!(s.pages[1].url, "https://example.net/news/8");
        assert_eq!(
            s.pages[1].modified.map(|d| d.to_rfc3339()),
            Some("2026-03-02T06:00:00+00:00".into())
        );
    }

    #[test]
    fn gzipped_sitemap() {
        use std::io::Write;
        let xml = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.net/x</loc></url></urlset>"#;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(xml.as_bytes()).unwrap();
        let s = parse_sitemap(&gz.finish().unwrap()).unwrap();
        assert_eq!(s.pages[0].url, "https://example.net/x");
    }

    #[test]
    fn a_feed_is_not_a_sitemap() {
        let err = parse_sitemap(b"<rss><channel></channel></rss>").unwrap_err();
        assert!(err.contains("<rss>"), "{err}");
        assert!(parse_sitemap(b"oops").is_err());
    }
}
