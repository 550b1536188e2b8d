//! A PostgreSQL server for tests: `MARSAD_TEST_PG` names it (`.ci/postgres.sh`
//! starts one and sets it). Without it a test prints that it skipped and
//! passes; with `MARSAD_REQUIRE_PG=1` (as CI sets) a missing or unreachable
//! server fails the test instead.

use postgres::{Client, NoTls};

/// The variable naming the test server's URL.
pub const TEST_SERVER_VAR: &str = "MARSAD_TEST_PG";
/// Set to 1 to make a missing test server a failure.
pub const REQUIRE_VAR: &str = "MARSAD_REQUIRE_PG";

/// A schema of its own on the test server, dropped when this is dropped.
#[derive(Debug)]
pub struct TestSchema {
    base: String,
    pub name: String,
    /// The URL that puts a store in this schema.
    pub url: String,
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.base, NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

fn skip_or_fail(test: &str, why: &str) -> Option<TestSchema> {
    if std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1") {
        panic!("{test}: {why}, and {REQUIRE_VAR}=1");
    }
    eprintln!("skipped {test}: {why} (source .ci/postgres.sh to run it)");
    None
}

/// A fresh, empty schema for the test `test`, or `None` (the test skips,
/// having said so) when no server is configured or reachable.
pub fn fresh_schema(test: &str) -> Option<TestSchema> {
    let Ok(base) = std::env::var(TEST_SERVER_VAR) else {
        return skip_or_fail(test, &format!("{TEST_SERVER_VAR} is not set"));
    };
    let mut client = match Client::connect(&base, NoTls) {
        Ok(c) => c,
        Err(e) => return skip_or_fail(test, &format!("cannot reach {base}: {e}")),
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!("marsad_test_{}_{n}_{nanos}", std::process::id());
    if let Err(e) = client.batch_execute(&format!("CREATE SCHEMA {name}")) {
        panic!("{test}: creating schema {name} on {base}: {e}");
    }
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{name}");
    Some(TestSchema { base, name, url })
}
