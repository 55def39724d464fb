//! What moving the guest cart into the account cart reports, and the words for a refusal.

use super::CartLine;
use crate::domain::codes::ErrorCode;

/// A line the server would not take, and why, in words for the shopper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedLine {
    pub line: CartLine,
    pub reason: String,
}

/// What came of moving the guest cart into the account cart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub refused: Vec<RefusedLine>,
    /// Lines that could not be sent (network, server down): they stay in the guest cart.
    pub kept: Vec<CartLine>,
}

/// How one guest line fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineOutcome {
    Added,
    /// The server said no: code, message, and the per-field detail about quantity.
    Refused {
        code: ErrorCode,
        message: String,
        detail: Option<String>,
    },
    /// Could not be sent; try again later.
    Failed,
}

pub fn merge_report(outcomes: Vec<(CartLine, LineOutcome)>) -> MergeReport {
    let mut r = MergeReport::default();
    for (line, outcome) in outcomes {
        match outcome {
            LineOutcome::Added => r.added += 1,
            LineOutcome::Refused {
                code,
                message,
                detail,
            } => {
                let reason = refusal_text(&code, &message, detail.as_deref());
                r.refused.push(RefusedLine { line, reason });
            }
            LineOutcome::Failed => r.kept.push(line),
        }
    }
    r
}

/// The shopper-facing reason for a refused cart change.
pub fn refusal_text(code: &ErrorCode, message: &str, detail: Option<&str>) -> String {
    let base = match code {
        ErrorCode::InsufficientStock => "Недостаточно товара на складе",
        ErrorCode::MaxQuantityExceeded => "Превышено максимальное количество",
        ErrorCode::ProductUnavailable => "Товар больше не продаётся",
        ErrorCode::ProductNotFound => "Товар не найден в каталоге",
        ErrorCode::VariantNotFound => "Этот вариант товара больше не продаётся",
        ErrorCode::CartItemNotFound => "Этой строки уже нет в корзине",
        _ if !message.is_empty() => message,
        _ => "Не удалось изменить корзину",
    };
    match detail.filter(|d| !d.is_empty()) {
        Some(d) => {
            let mut c = d.chars();
            let first = c.next().map(|f| f.to_lowercase().collect::<String>());
            format!("{base}: {}{}", first.unwrap_or_default(), c.as_str())
        }
        None => base.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::line;
    use super::*;

    #[test]
    fn a_merge_reports_each_refused_line_with_its_reason() {
        let r = merge_report(vec![
            (line("a", "1", 1), LineOutcome::Added),
            (
                line("b", "1", 3),
                LineOutcome::Refused {
                    code: ErrorCode::InsufficientStock,
                    message: "Недостаточно".into(),
                    detail: Some("Доступно 0 шт.".into()),
                },
            ),
            (
                line("c", "1", 1),
                LineOutcome::Refused {
                    code: ErrorCode::parse("SOMETHING_NEW"),
                    message: "Сервер сказал нет".into(),
                    detail: None,
                },
            ),
            (line("d", "1", 1), LineOutcome::Failed),
        ]);
        assert_eq!(r.added, 1);
        assert_eq!(r.refused.len(), 2);
        assert_eq!(
            r.refused[0].reason,
            "Недостаточно товара на складе: доступно 0 шт."
        );
        assert_eq!(r.refused[1].reason, "Сервер сказал нет");
        assert_eq!(r.kept.len(), 1);
        assert_eq!(
            refusal_text(&ErrorCode::VariantNotFound, "", None),
            "Этот вариант товара больше не продаётся"
        );
    }
}
