//! Streaming the elements of one big JSON array, one element in memory at a
//! time: the element's bytes are cut out by a small scanner (strings,
//! escapes, nesting) and parsed on their own, so one malformed element is
//! one bad record, not a lost file.

use std::io::{self, BufRead};

/// Why the array could not be read on (the rest of the input is lost).
#[derive(Debug, thiserror::Error)]
pub enum ArrayError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("not a JSON array (starts with {0:?})")]
    NotAnArray(char),
    #[error("the array ends early (truncated file?)")]
    Truncated,
    #[error("data after the end of the array (starts with {0:?})")]
    Trailing(char),
    #[error("expected `,` or `]` after element {index}, found {found:?}")]
    Syntax { index: usize, found: char },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    First,
    Rest,
    Done,
}

/// The raw bytes of each element of a JSON array read from `reader`.
pub struct JsonArrayElements<R> {
    reader: R,
    state: State,
    /// Elements returned so far.
    index: usize,
}

impl<R: BufRead> JsonArrayElements<R> {
    pub fn new(reader: R) -> Self {
        JsonArrayElements {
            reader,
            state: State::Start,
            index: 0,
        }
    }

    /// Skip whitespace (and a byte-order mark); the next byte, not consumed.
    fn peek_non_ws(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let skip = buf
                .iter()
                .take_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))
                .count();
            if skip < buf.len() {
                let b = buf[skip];
                self.reader.consume(skip);
                return Ok(Some(b));
            }
            let n = buf.len();
            self.reader.consume(n);
        }
    }

    /// Copy one element's bytes, up to (not including) the `,` or `]` after it.
    fn take_element(&mut self) -> Result<Vec<u8>, ArrayError> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Err(ArrayError::Truncated);
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b']' | b',' if depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let n = end.unwrap_or(buf.len());
            out.extend_from_slice(&buf[..n]);
            self.reader.consume(n);
            if end.is_some() {
                return Ok(out);
            }
        }
    }

    fn next_element(&mut self) -> Result<Option<Vec<u8>>, ArrayError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => match self.peek_non_ws()? {
                    Some(b'[') => {
                        self.reader.consume(1);
                        self.state = State::First;
                    }
                    Some(b) => return Err(ArrayError::NotAnArray(b as char)),
                    None => return Err(ArrayError::Truncated),
                },
                State::First => {
                    self.state = State::Rest;
                    if self.peek_non_ws()? != Some(b']') {
                        return self.take_element().map(Some);
                    }
                }
                State::Rest => match self.peek_non_ws()? {
                    Some(b']') => {
                        self.reader.consume(1);
                        self.state = State::Done;
                        // Read to the end: trailing data is an error, and a
                        // checking reader sees its end.
                        if let Some(b) = self.peek_non_ws()? {
                            return Err(ArrayError::Trailing(b as char));
                        }
                    }
                    Some(b',') => {
                        self.reader.consume(1);
                        return self.take_element().map(Some);
                    }
                    Some(b) => {
                        return Err(ArrayError::Syntax {
                            index: self.index,
                            found: b as char,
                        })
                    }
                    None => return Err(ArrayError::Truncated),
                },
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonArrayElements<R> {
    /// An element's bytes; an error ends the iteration.
    type Item = Result<Vec<u8>, ArrayError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_element() {
            Ok(Some(e)) => {
                self.index += 1;
                Some(Ok(e))
            }
            Ok(None) => None,
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(s: &str) -> Vec<Result<String, String>> {
        JsonArrayElements::new(s.as_bytes())
            .map(|r| {
                r.map(|b| String::from_utf8(b).unwrap().trim().to_string())
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn cuts_elements_with_nested_brackets_and_escapes() {
        let got = elements(r#" [ {"a": "x,]\"}", "b": [1, {"c": 2}]}, [1, [2]] ,"s" , 3 ] "#);
        assert_eq!(
            got,
            vec![
                Ok(r#"{"a": "x,]\"}", "b": [1, {"c": 2}]}"#.to_string()),
                Ok("[1, [2]]".to_string()),
                Ok(r#""s""#.to_string()),
                Ok("3".to_string()),
            ]
        );
    }

    #[test]
    fn empty_array_and_errors() {
        assert!(elements("[ ]").is_empty());
        assert_eq!(
            elements("[1] x"),
            vec![
                Ok("1".to_string()),
                Err("data after the end of the array (starts with 'x')".to_string())
            ]
        );
        assert_eq!(
            elements(r#"{"a":1}"#),
            vec![Err("not a JSON array (starts with '{')".to_string())]
        );
        assert_eq!(
            elements(r#"[{"a":1}, {"b":"#),
            vec![
                Ok(r#"{"a":1}"#.to_string()),
                Err("the array ends early (truncated file?)".to_string())
            ]
        );
    }
}
