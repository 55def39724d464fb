//! Every refusal of checkout said where it belongs and what to do next.

use crate::domain::codes::ErrorCode;
use serde::Deserialize;

/// The part of the page a message belongs beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    Address,
    Shipping,
    Coupon,
    Payment,
    Cart,
    Form,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub at: Where,
    pub text: String,
    /// The coupon the backend named, for `INVALID_COUPON`.
    pub coupon: Option<String>,
}

/// One line of `details.items` (integration.md: ITEMS_UNAVAILABLE, INSUFFICIENT_STOCK).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ItemProblem {
    #[serde(default)]
    pub product_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub requested: Option<u32>,
    #[serde(default)]
    pub available: Option<u32>,
}

/// A refusal's `details`, per field.
pub type Details = [(String, Vec<String>)];

fn field<'a>(details: &'a Details, name: &str) -> Option<&'a [String]> {
    details
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_slice())
}

/// The lines a refusal names.
pub fn item_problems(details: &Details) -> Vec<ItemProblem> {
    field(details, "items")
        .map(|items| {
            items
                .iter()
                .filter_map(|s| crate::domain::json::from_str::<ItemProblem>(s).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn at(at: Where, text: impl Into<String>) -> Explained {
    Explained {
        at,
        text: text.into(),
        coupon: None,
    }
}

/// What to tell the shopper, and where, about a refused preview or checkout: `code` and
/// `details` as the backend sent them, `fallback` the general words for anything else.
pub fn explain(code: &ErrorCode, details: &Details, fallback: String, partner: bool) -> Explained {
    let items = item_problems(details);
    let names = || {
        items
            .iter()
            .map(|i| match i.available {
                Some(n) => format!("«{}» — осталось {n} шт.", i.name),
                None => format!("«{}»", i.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match code {
        ErrorCode::CartEmpty => at(
            Where::Cart,
            "Корзина пуста — добавьте товары, чтобы оформить заказ.",
        ),
        ErrorCode::ItemsUnavailable => at(
            Where::Cart,
            format!(
                "Некоторые товары больше не продаются: {}. Уберите их из корзины и оформите заказ снова.",
                names()
            ),
        ),
        ErrorCode::InsufficientStock => at(
            Where::Cart,
            format!(
                "Столько нет на складе: {}. Уменьшите количество в корзине.",
                names()
            ),
        ),
        ErrorCode::InvalidAddress => at(
            Where::Address,
            "По этому адресу доставить не получится. Проверьте адрес или заберите заказ в магазине.",
        ),
        ErrorCode::InvalidShippingMethod => at(
            Where::Shipping,
            "Этот способ доставки больше недоступен: интервал заняли или предложение курьера устарело. Выберите снова.",
        ),
        ErrorCode::ShippingNotAvailable | ErrorCode::InvalidDestination => at(
            Where::Shipping,
            "В этот регион мы не доставляем. Заберите заказ в магазине или укажите другой адрес.",
        ),
        ErrorCode::InvalidCoupon => {
            let coupon = field(details, "couponCodes").and_then(|c| c.first().cloned());
            Explained {
                at: Where::Coupon,
                text: match &coupon {
                    Some(c) => format!("Промокод {c} недействителен или истёк."),
                    None => "Промокод недействителен или истёк.".into(),
                },
                coupon,
            }
        }
        ErrorCode::KycRequired if partner => at(
            Where::Payment,
            "Для такой покупки нужна проверка личности (KYC). Пройдите её в кабинете партнёра, в разделе «Профиль», — или оформите заказ на меньшую сумму.",
        ),
        ErrorCode::KycRequired => at(
            Where::Payment,
            "Для такой покупки нужна проверка личности. Свяжитесь с магазином или оформите заказ на меньшую сумму.",
        ),
        _ => at(Where::Form, fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(k: &str, v: &str) -> Vec<(String, Vec<String>)> {
        vec![(k.to_string(), vec![v.to_string()])]
    }

    #[test]
    fn stock_refusals_name_the_lines() {
        let det = d(
            "items",
            r#"{"productId":"p1","name":"Котёл","requested":5,"available":2}"#,
        );
        let x = explain(&ErrorCode::InsufficientStock, &det, String::new(), false);
        assert_eq!(x.at, Where::Cart);
        assert!(x.text.contains("«Котёл» — осталось 2 шт."), "{}", x.text);
    }

    #[test]
    fn a_bad_coupon_is_named_and_kyc_tells_a_partner_what_to_do() {
        let x = explain(
            &ErrorCode::InvalidCoupon,
            &d("couponCodes", "BAD"),
            String::new(),
            false,
        );
        assert_eq!((x.at, x.coupon.as_deref()), (Where::Coupon, Some("BAD")));
        assert_eq!(x.text, "Промокод BAD недействителен или истёк.");
        assert!(explain(&ErrorCode::KycRequired, &[], String::new(), true)
            .text
            .contains("кабинете партнёра"));
        assert!(!explain(&ErrorCode::KycRequired, &[], String::new(), false)
            .text
            .contains("кабинете партнёра"));
        assert_eq!(
            explain(&ErrorCode::InvalidAddress, &[], String::new(), false).at,
            Where::Address
        );
        let other = explain(
            &ErrorCode::Unknown("X".into()),
            &[],
            "Проверьте данные.".into(),
            false,
        );
        assert_eq!(
            (other.at, other.text.as_str()),
            (Where::Form, "Проверьте данные.")
        );
    }
}
