//! The one JSON decoding path of the app: text → `serde_json::Value` → the type.
//!
//! serde_json's text parser is generic over what it builds, and every type decoded straight
//! from text got its own copy of the parser's sequence, map and option handling (the largest
//! part of the wasm's decoding code). Through a `Value`, the text parser is compiled once
//! and each type only walks a tree. Exact numbers survive (`arbitrary_precision`).

use serde::de::DeserializeOwned;

/// `serde_json::from_str`, by way of a `Value`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    T::deserialize(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use serde::Deserialize;
    use std::str::FromStr;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Priced {
        price: Decimal,
        tags: Vec<String>,
        note: Option<String>,
    }

    #[test]
    fn decodes_like_from_str_and_keeps_exact_numbers() {
        let text = r#"{"price": 1299.90, "tags": ["a", "b"], "note": null, "extra": {"x": 1}}"#;
        let got: Priced = from_str(text).unwrap();
        assert_eq!(got.price, Decimal::from_str("1299.90").unwrap());
        assert_eq!(got.price.to_string(), "1299.90");
        assert_eq!(got, serde_json::from_str::<Priced>(text).unwrap());
    }

    #[test]
    fn bad_text_and_wrong_shapes_are_errors() {
        assert!(from_str::<Priced>("{").is_err());
        assert!(from_str::<Priced>(r#"{"price": "x", "tags": []}"#).is_err());
        assert!(from_str::<Priced>(r#"{"tags": []}"#).is_err());
    }
}
