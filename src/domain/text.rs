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

#[cfg(test)]
mod tests {
    use super::plural;

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
