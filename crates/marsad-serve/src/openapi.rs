//! `/api/openapi.json`, written by hand beside the types it describes; the
//! API tests check answers against it and schemathesis (CI) checks it
//! against the running server.

use axum::Json;
use serde_json::{json, Value};

fn nullable(t: &str) -> Value {
    json!({ "type": t, "nullable": true })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

fn array_of(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

fn error_responses(codes: &[&str]) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    for code in codes {
        let description = match *code {
            "400" => "A bad parameter (named in the message)",
            "404" => "No such id",
            "408" => "The request took too long",
            "414" => "Request target too long",
            "503" => "Nothing to search yet (no index in the data folder)",
            _ => "Error",
        };
        m.insert(
            code.to_string(),
            json!({ "description": description,
                    "content": { "application/json": { "schema": reference("Error") } } }),
        );
    }
    m
}

fn ok(schema: &str, codes: &[&str]) -> Value {
    let mut responses = error_responses(codes);
    responses.insert(
        "200".into(),
        json!({ "description": "OK", "content": { "application/json": { "schema": reference(schema) } } }),
    );
    Value::Object(responses)
}

fn query(name: &str, schema: Value, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "schema": schema, "description": description })
}

fn path(name: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "path", "required": true, "schema": schema })
}

/// A count or an id: what the server parses (64 bits).
fn count() -> Value {
    json!({ "type": "integer", "minimum": 0, "maximum": u64::MAX })
}

/// The document.
pub fn spec() -> Value {
    let paging = [
        query(
            "limit",
            count(),
            "At most this many (default 20; no upper bound)",
        ),
        query("offset", count(), "Skip this many first"),
    ];
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "marsad",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories, articles, entities and full-text search of an Arabic news observatory. The fields are those of the `marsad` command's --json output."
        },
        "paths": {
            "/api/search": { "get": {
                "summary": "Full-text search (words ANDed, \"phrases\", -exclusions)",
                "parameters": [
                    query("q", json!({"type": "string"}), "The query; empty: every article passing the filters, newest first"),
                    query("outlet", json!({"type": "string"}), "Only this outlet"),
                    query("from", json!({"type": "string", "format": "date"}), "Published on or after this day (after `to`: nothing matches)"),
                    query("to", json!({"type": "string", "format": "date"}), "Published on or before this day"),
                    query("story", count(), "Only this story"),
                    paging[0].clone(), paging[1].clone()
                ],
                "responses": ok("SearchResponse", &["400", "408", "414", "503"])
            }},
            "/api/stories": { "get": {
                "summary": "Stories, largest or latest first",
                "parameters": [
                    query("sort", json!({"type": "string", "enum": ["largest", "latest"]}), "largest (default) or latest"),
                    paging[0].clone(), paging[1].clone()
                ],
                "responses": ok("StoriesResponse", &["400", "408", "414"])
            }},
            "/api/stories/{id}": { "get": {
                "summary": "One story with its entities, quotes by speaker, figures compared and coverage",
                "parameters": [ path("id", count()) ],
                "responses": ok("StoryDetail", &["400", "404", "408", "414"])
            }},
            "/api/articles/{id}": { "get": {
                "summary": "One article in full, with its page's lines classified",
                "parameters": [ path("id", json!({"type": "integer", "minimum": 1, "maximum": i64::MAX})) ],
                "responses": ok("ArticleDetail", &["400", "404", "408", "414"])
            }},
            "/api/entities/{key}": { "get": {
                "summary": "One entity (by its key, e.g. LOC:KP): spellings, stories and quotes",
                "parameters": [ path("key", json!({"type": "string", "minLength": 1})) ],
                "responses": ok("EntityDetail", &["400", "404", "408", "414"])
            }},
            "/api/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }}
        },
        "components": { "schemas": schemas() }
    })
}

fn schemas() -> Value {
    let s = |t: &str| json!({ "type": t });
    json!({
        "Error": object(&["error", "status"], json!({ "error": s("string"), "status": s("integer") })),
        "Hit": object(
            &["rank", "article_id", "score", "title", "outlet", "published", "url", "source", "story", "snippet"],
            json!({
                "rank": s("integer"), "article_id": s("integer"), "score": s("number"),
                "title": nullable("string"), "outlet": nullable("string"), "published": nullable("string"),
                "url": nullable("string"), "source": nullable("string"), "story": nullable("integer"),
                "snippet": { "type": "string", "description": "Matches wrapped in [[ ]]" }
            })),
        "SearchResponse": object(&["query", "total", "offset", "limit", "hits"], json!({
            "query": s("string"), "total": s("integer"), "offset": s("integer"), "limit": s("integer"),
            "hits": array_of(reference("Hit"))
        })),
        "StoryArticle": object(
            &["id", "source", "url", "outlet", "published", "title", "credited", "role", "copy"],
            json!({
                "id": s("string"), "source": s("string"), "url": nullable("string"),
                "outlet": nullable("string"), "published": nullable("string"), "title": nullable("string"),
                "credited": nullable("string"),
                "role": { "type": "string", "nullable": true, "enum": ["original", "copy", null] },
                "copy": { "type": "string", "nullable": true, "enum": ["exact", "near", "credit", "rewrite", null] }
            })),
        "StoryView": object(
            &["id", "title", "first", "last", "follows", "followed_by", "outlets", "articles"],
            json!({
                "id": s("string"), "title": s("string"), "first": nullable("string"), "last": nullable("string"),
                "follows": array_of(s("string")), "followed_by": array_of(s("string")),
                "outlets": s("integer"), "articles": array_of(reference("StoryArticle"))
            })),
        "StoriesResponse": object(&["total", "offset", "limit", "sort", "stories"], json!({
            "total": s("integer"), "offset": s("integer"), "limit": s("integer"),
            "sort": { "type": "string", "enum": ["largest", "latest"] },
            "stories": array_of(reference("StoryView"))
        })),
        "EntitySummary": object(&["key", "canonical", "type", "role", "variants", "articles", "mentions"], json!({
            "key": s("string"), "canonical": s("string"),
            "type": { "type": "string", "enum": ["PERS", "LOC", "ORG", "MISC"] },
            "role": nullable("string"), "variants": array_of(s("string")),
            "articles": s("integer"), "mentions": s("integer")
        })),
        "QuoteView": object(&["article", "outlet", "text", "speaker", "cue", "direct"], json!({
            "article": s("string"), "outlet": nullable("string"), "text": s("string"),
            "speaker": nullable("string"), "cue": nullable("string"), "direct": s("boolean")
        })),
        "SpeakerQuotes": object(&["key", "speaker", "quotes"], json!({
            "key": nullable("string"), "speaker": nullable("string"), "quotes": array_of(reference("QuoteView"))
        })),
        "Figure": object(&["text", "value", "unit", "qualifier", "start", "end"], json!({
            "text": s("string"), "value": s("number"), "unit": nullable("string"),
            "qualifier": nullable("string"), "start": s("integer"), "end": s("integer")
        })),
        "FigureComparison": object(&["unit", "verdict", "values"], json!({
            "unit": s("string"), "verdict": { "type": "string", "enum": ["agree", "differ"] },
            "values": array_of(object(&["outlet", "article", "figure"], json!({
                "outlet": s("string"), "article": s("string"), "figure": reference("Figure")
            })))
        })),
        "CoverageDay": object(&["day", "articles", "outlets"], json!({
            "day": s("string"), "articles": s("integer"), "outlets": s("integer")
        })),
        "StoryDetail": {
            "allOf": [ reference("StoryView"), object(&["entities", "quotes", "figures", "coverage"], json!({
                "entities": array_of(reference("EntitySummary")),
                "quotes": array_of(reference("SpeakerQuotes")),
                "figures": array_of(reference("FigureComparison")),
                "coverage": array_of(reference("CoverageDay"))
            })) ]
        },
        "PageLine": object(&["line", "text", "class", "furniture"], json!({
            "line": s("integer"), "text": s("string"), "class": s("string"), "furniture": s("boolean")
        })),
        "ArticleDetail": object(
            &["id", "page_id", "role", "title", "outlet", "published", "url", "source", "fetched", "original_source",
              "subtitle", "dateline", "byline", "story", "paragraphs", "captions", "entities", "quotes", "figures",
              "furniture", "lines"],
            json!({
                "id": s("integer"), "page_id": s("integer"),
                "role": { "type": "string", "enum": ["main", "appended"] },
                "title": nullable("string"), "outlet": nullable("string"), "published": nullable("string"),
                "url": nullable("string"), "source": s("string"), "fetched": nullable("string"),
                "original_source": nullable("string"), "subtitle": nullable("string"),
                "dateline": nullable("string"), "byline": nullable("string"), "story": nullable("string"),
                "paragraphs": array_of(object(&["text", "line", "kind"], json!({
                    "text": s("string"), "line": nullable("integer"),
                    "kind": { "type": "string", "enum": ["body", "subheading"] }
                }))),
                "captions": array_of(object(&["text", "line"], json!({ "text": s("string"), "line": nullable("integer") }))),
                "entities": array_of(reference("EntitySummary")),
                "quotes": array_of(reference("QuoteView")),
                "figures": array_of(reference("Figure")),
                "furniture": array_of(object(&["line", "kind", "text"], json!({
                    "line": nullable("integer"), "kind": s("string"), "text": s("string")
                }))),
                "lines": { "type": "array", "nullable": true, "items": reference("PageLine") }
            })),
        "EntityStory": object(&["id", "title", "articles", "last"], json!({
            "id": s("string"), "title": nullable("string"), "articles": s("integer"), "last": nullable("string")
        })),
        "EntityDetail": {
            "allOf": [ reference("EntitySummary"), object(&["stories", "quotes"], json!({
                "stories": array_of(reference("EntityStory")),
                "quotes": array_of(reference("QuoteView"))
            })) ]
        }
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
