//! Outlet names of corpus records: the one table lives in
//! [`marsad_model::outlets`], shared with extraction and the filters.

/// The canonical name for an outlet id or name; an unknown one is returned
/// trimmed, as given. Empty names give `None`.
pub fn display_name(id: &str) -> Option<String> {
    marsad_model::canonical_outlet(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_ids_meet_in_one_name() {
        assert_eq!(display_name("BBC").as_deref(), Some("بي بي سي عربي"));
        assert_eq!(display_name("arreyadiyah").as_deref(), Some("الرياضية"));
        assert_eq!(display_name(" Qsarpress ").as_deref(), Some("Qsarpress"));
        assert_eq!(display_name("  "), None);
    }
}
