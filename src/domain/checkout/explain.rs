//! Every refusal of checkout said where it belongs and what to do next.

use crate::api::{ApiError, ErrorCode};
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

/// The lines a refusal names.
pub fn item_problems(e: &ApiError) -> Vec<ItemProblem> {
    e.backend()
        .and_then(|b| b.field("items"))
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

/// What to tell the shopper, and where, about a refused preview or checkout.
pub fn explain(e: &ApiError, partner: bool) -> Explained {
    let code = e.code().cloned().unwrap_or_default();
    let items = item_problems(e);
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
            let coupon = e
                .backend()
                .and_then(|b| b.field("couponCodes"))
                .and_then(|c| c.first().cloned());
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
        _ => at(Where::Form, e.user_message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::commerce::decode;
    use crate::api::RawResponse;

    fn refusal(status: u16, body: &str) -> ApiError {
        let raw = RawResponse {
            status,
            headers: vec![],
            body: body.into(),
        };
        decode::<serde_json::Value>(&raw, 0).unwrap_err()
    }

    #[test]
    fn stock_refusals_name_the_lines() {
        let e = refusal(
            400,
            r#"{"success":false,"error":{"code":"INSUFFICIENT_STOCK","message":"x","details":{"items":[{"productId":"p1","name":"Котёл","requested":5,"available":2}]}}}"#,
        );
        let x = explain(&e, false);
        assert_eq!(x.at, Where::Cart);
        assert!(x.text.contains("«Котёл» — осталось 2 шт."), "{}", x.text);
    }

    #[test]
    fn a_bad_coupon_is_named_and_kyc_tells_a_partner_what_to_do() {
        let e = refusal(
            400,
            r#"{"success":false,"error":{"code":"INVALID_COUPON","message":"x","details":{"couponCodes":["BAD"]}}}"#,
        );
        let x = explain(&e, false);
        assert_eq!((x.at, x.coupon.as_deref()), (Where::Coupon, Some("BAD")));
        assert_eq!(x.text, "Промокод BAD недействителен или истёк.");
        let k = refusal(
            403,
            r#"{"success":false,"error":{"code":"KYC_REQUIRED","message":"x"}}"#,
        );
        assert!(explain(&k, true).text.contains("кабинете партнёра"));
        assert!(!explain(&k, false).text.contains("кабинете партнёра"));
        let a = refusal(
            400,
            r#"{"success":false,"error":{"code":"INVALID_ADDRESS","message":"x"}}"#,
        );
        assert_eq!(explain(&a, false).at, Where::Address);
    }
}
