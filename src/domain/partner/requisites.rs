//! Russian requisites checked before they are sent (seed 004 gives no formats; these are the
//! Federal Tax Service's and the Bank of Russia's rules): INN by its check digits, KPP, BIK,
//! a settlement account by its control key against the BIK, a passport and its department
//! code. Each check answers with what to tell the person, or `None` when it is right.

/// Whose INN: a legal entity's has 10 digits, a person's or an entrepreneur's 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InnOf {
    Legal,
    Person,
    /// Either (an organization that may be an entrepreneur).
    Any,
}

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// Σ weight × digit mod 11 mod 10: the INN's check digit.
fn inn_key(weights: &[u32], d: &[u32]) -> u32 {
    weights.iter().zip(d).map(|(w, x)| w * x).sum::<u32>() % 11 % 10
}

fn inn_sums_right(d: &[u32]) -> bool {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    match d.len() {
        10 => inn_key(&W10, d) == d[9],
        12 => inn_key(&W11, d) == d[10] && inn_key(&W12, d) == d[11],
        _ => false,
    }
}

pub fn inn_problem(inn: &str, of: InnOf) -> Option<&'static str> {
    let inn = inn.trim();
    if inn.is_empty() {
        return Some("Укажите ИНН.");
    }
    let Some(d) = digits(inn) else {
        return Some("В ИНН только цифры.");
    };
    let length_ok = match of {
        InnOf::Legal => d.len() == 10,
        InnOf::Person => d.len() == 12,
        InnOf::Any => d.len() == 10 || d.len() == 12,
    };
    if !length_ok {
        return Some(match of {
            InnOf::Legal => "ИНН организации — 10 цифр.",
            InnOf::Person => "ИНН физического лица и предпринимателя — 12 цифр.",
            InnOf::Any => "ИНН — 10 цифр у организации, 12 у предпринимателя.",
        });
    }
    (!inn_sums_right(&d))
        .then_some("Такого ИНН не бывает: не сходится контрольная цифра. Проверьте его.")
}

/// KPP: 9 characters — tax office (4 digits), reason (2 digits or capital letters), number (3).
pub fn kpp_problem(kpp: &str) -> Option<&'static str> {
    let k = kpp.trim().as_bytes();
    let ok = k.len() == 9
        && k.iter()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || ((4..6).contains(&i) && c.is_ascii_uppercase()));
    if kpp.trim().is_empty() {
        Some("Укажите КПП.")
    } else {
        (!ok).then_some("КПП — 9 цифр, например 770201001.")
    }
}

pub fn bik_problem(bik: &str) -> Option<&'static str> {
    let b = bik.trim();
    match digits(b) {
        _ if b.is_empty() => Some("Укажите БИК банка."),
        Some(d) if d.len() == 9 => None,
        _ => Some("БИК — 9 цифр."),
    }
}

/// A settlement account: 20 digits whose control key holds against the bank's BIK (the
/// BIK's last three digits, then the account; weights 7, 1, 3; the sum ends in 0). `bik`
/// is assumed checked already: a wrong BIK is said there, not here.
pub fn account_problem(account: &str, bik: &str) -> Option<&'static str> {
    let a = account.trim();
    if a.is_empty() {
        return Some("Укажите расчётный счёт.");
    }
    let Some(acc) = digits(a).filter(|d| d.len() == 20) else {
        return Some("Расчётный счёт — 20 цифр.");
    };
    let bik = digits(bik.trim()).filter(|d| d.len() == 9)?;
    let sum: u32 = bik[6..]
        .iter()
        .chain(&acc)
        .zip([7, 1, 3].iter().cycle())
        .map(|(x, w)| x * w)
        .sum();
    (!sum.is_multiple_of(10))
        .then_some("Счёт не подходит к этому БИК: проверьте обе цифры — счёт и БИК.")
}

/// Passport series and number: 10 digits («4510 123456»).
pub fn passport_problem(p: &str) -> Option<&'static str> {
    let d: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    match digits(&d) {
        _ if d.is_empty() => Some("Укажите серию и номер паспорта."),
        Some(x) if x.len() == 10 => None,
        _ => Some("Серия и номер паспорта — 10 цифр, например 4510 123456."),
    }
}

/// Department code: «123-456».
pub fn department_problem(code: &str) -> Option<&'static str> {
    let c = code.trim();
    let d: String = c.chars().filter(|x| *x != '-').collect();
    match digits(&d) {
        _ if c.is_empty() => Some("Укажите код подразделения."),
        Some(x) if x.len() == 6 => None,
        _ => Some("Код подразделения — 6 цифр, например 770-001."),
    }
}

/// Keeps only what a requisite may hold (digits), as the field is typed into.
pub fn only_digits(s: &str, max: usize) -> String {
    s.chars().filter(char::is_ascii_digit).take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_check_digits_tell_real_numbers_from_typos() {
        // Sberbank (10), a well-known entrepreneur's test INN (12), and one digit changed.
        assert_eq!(inn_problem("7707083893", InnOf::Legal), None);
        assert_eq!(inn_problem("7736207543", InnOf::Any), None);
        assert_eq!(inn_problem("500100732259", InnOf::Person), None);
        assert_eq!(inn_problem("500100732259", InnOf::Any), None);
        assert!(inn_problem("7707083894", InnOf::Legal)
            .unwrap()
            .contains("контрольная"));
        assert!(inn_problem("500100732250", InnOf::Person)
            .unwrap()
            .contains("контрольная"));
        // Seed 004's example INN does not sum: shown as it is, refused if typed.
        assert!(inn_problem("7743013902", InnOf::Legal).is_some());
        assert_eq!(
            inn_problem("7707083893", InnOf::Person),
            Some("ИНН физического лица и предпринимателя — 12 цифр.")
        );
        assert_eq!(
            inn_problem("500100732259", InnOf::Legal),
            Some("ИНН организации — 10 цифр.")
        );
        assert_eq!(inn_problem(" ", InnOf::Any), Some("Укажите ИНН."));
        assert_eq!(
            inn_problem("77070838a3", InnOf::Any),
            Some("В ИНН только цифры.")
        );
        assert!(inn_problem("12345678901", InnOf::Any)
            .unwrap()
            .contains("10 цифр"));
    }

    #[test]
    fn kpp_bik_passport_and_department_have_their_shapes() {
        assert_eq!(kpp_problem("770201001"), None);
        assert_eq!(kpp_problem("7702AB001"), None, "letters in the reason code");
        assert!(kpp_problem("77020100").is_some());
        assert!(kpp_problem("AB0201001").is_some());
        assert_eq!(kpp_problem(""), Some("Укажите КПП."));
        assert_eq!(bik_problem("044525225"), None);
        assert_eq!(bik_problem("04452522"), Some("БИК — 9 цифр."));
        assert_eq!(bik_problem("04452522x"), Some("БИК — 9 цифр."));
        assert_eq!(passport_problem("4510 123456"), None);
        assert!(passport_problem("4510 12345").is_some());
        assert_eq!(department_problem("770-001"), None);
        assert_eq!(department_problem("770001"), None);
        assert!(department_problem("77-001").is_some());
        assert_eq!(only_digits("40702 810-9", 20), "407028109");
        assert_eq!(only_digits("1234567890", 4), "1234");
    }

    #[test]
    fn an_account_holds_against_its_bank() {
        // Sberbank's BIK with a real-shaped account, and the same account at another bank.
        assert_eq!(account_problem("40702810938000000001", "044525225"), None);
        assert_eq!(account_problem("40817810300000001234", "044525974"), None);
        assert!(account_problem("40702810938000000001", "044525974").is_some());
        // One digit changed anywhere breaks the key.
        assert!(account_problem("40702810938000000002", "044525225").is_some());
        assert_eq!(
            account_problem("4070281093800000000", "044525225"),
            Some("Расчётный счёт — 20 цифр.")
        );
        assert_eq!(
            account_problem("", "044525225"),
            Some("Укажите расчётный счёт.")
        );
        // A BIK not yet right is told at the BIK, not here.
        assert_eq!(account_problem("40702810938000000001", "0445"), None);
    }
}
