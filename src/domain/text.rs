//! Russian wording rules.

/// Picks the Russian plural form: 1 товар, 2 товара, 5 товаров, 21 товар, 11 товаров.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let m100 = n % 100;
    let m10 = n % 10;
    if (11..=14).contains(&m100) {
        many
    } else if m10 == 1 {
        one
    } else if (2..=4).contains(&m10) {
        few
    } else {
        many
    }
}

/// Whether a link from a backend may be put in `href`: only `http(s)://` — never
/// `javascript:` or `data:`, whatever the other system stored.
pub fn is_web_url(s: &str) -> bool {
    let t = s.trim_start().to_ascii_lowercase();
    (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(char::is_whitespace)
}

/// `#[serde(default, deserialize_with = "crate::domain::text::web_url")]` on an optional URL
/// the app puts in `src`, `href` or `location`: anything but `http(s)://` (`javascript:`,
/// `data:`, whatever another system stored) is read as absent.
pub fn web_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::Deserialize;
    Ok(Option::<String>::deserialize(d)?.filter(|u| is_web_url(u)))
}

#[cfg(test)]
mod tests {
    use super::{is_web_url, plural};

    #[test]
    fn only_web_links_are_linkable() {
        assert!(is_web_url("https://domain.com/path"));
        assert!(is_web_url("http://127.0.0.1:8081/media/certificates/x.pdf"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" JavaScript:alert(1)"));
        assert!(!is_web_url("data:text/html,<script>alert(1)</script>"));
        assert!(!is_web_url("//evil.example/x"));
        assert!(!is_web_url("https://a b"));
    }

    #[test]
    fn russian_plurals_follow_the_last_digits() {
        let f = |n| plural(n, "товар", "товара", "товаров");
        assert_eq!(f(1), "товар");
        assert_eq!(f(2), "товара");
        assert_eq!(f(5), "товаров");
        assert_eq!(f(11), "товаров");
        assert_eq!(f(14), "товаров");
        assert_eq!(f(21), "товар");
        assert_eq!(f(104), "товара");
        assert_eq!(f(0), "товаров");
    }
}
