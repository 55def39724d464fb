//! What a shopper reads for an order's statuses and which tone its chip takes. Every match
//! here is exhaustive: a status added to a seed is a compile error in this one file, not a
//! silent grey chip. An `Unknown` value keeps the neutral word the app has always shown.

use crate::domain::codes::{OrderStatus, PaymentStatus, RefundStatus};

impl OrderStatus {
    /// The word for an order status; an unknown one is shown as the backend wrote it.
    pub fn word(&self) -> &str {
        match self {
            OrderStatus::PendingPayment => "Ждёт оплаты",
            OrderStatus::Paid => "Оплачен",
            OrderStatus::Processing => "Собирается",
            OrderStatus::Shipped => "В доставке",
            OrderStatus::Delivered => "Доставлен",
            OrderStatus::Cancelled => "Отменён",
            OrderStatus::Refunded => "Возвращён",
            OrderStatus::Unknown(s) => s.as_str(),
        }
    }

    /// The chip's tone (`chip--ok` and so on).
    pub fn tone(&self) -> &'static str {
        match self {
            OrderStatus::Delivered => "ok",
            OrderStatus::Cancelled | OrderStatus::Refunded => "off",
            OrderStatus::PendingPayment => "warn",
            OrderStatus::Paid
            | OrderStatus::Processing
            | OrderStatus::Shipped
            | OrderStatus::Unknown(_) => "info",
        }
    }

    /// Whether a just-placed order found after a lost answer is this attempt's (it is
    /// still new: awaiting payment or paid).
    pub fn is_fresh(&self) -> bool {
        match self {
            OrderStatus::PendingPayment | OrderStatus::Paid => true,
            OrderStatus::Processing
            | OrderStatus::Shipped
            | OrderStatus::Delivered
            | OrderStatus::Cancelled
            | OrderStatus::Refunded
            | OrderStatus::Unknown(_) => false,
        }
    }
}

impl PaymentStatus {
    /// The word for an order's payment (seed 003 `PENDING`, `PAID`, `FAILED`, `REFUNDED`).
    pub fn word(&self) -> &'static str {
        match self {
            PaymentStatus::Pending => "Не оплачен",
            PaymentStatus::Paid => "Оплачен",
            PaymentStatus::Failed => "Оплата не прошла",
            PaymentStatus::Refunded => "Деньги возвращены",
            PaymentStatus::Unknown(_) => "Оплата уточняется",
        }
    }

    /// The chip's tone in the order history.
    pub fn tone(&self) -> &'static str {
        match self {
            PaymentStatus::Paid => "ok",
            PaymentStatus::Failed => "bad",
            PaymentStatus::Refunded => "off",
            PaymentStatus::Pending | PaymentStatus::Unknown(_) => "warn",
        }
    }
}

impl RefundStatus {
    /// «возврат …» after a cancellation; no status reads as still waiting.
    pub fn word(status: Option<&RefundStatus>) -> &'static str {
        match status {
            Some(RefundStatus::Completed) => "выполнен",
            Some(RefundStatus::Processing) => "в работе",
            Some(RefundStatus::Pending) | Some(RefundStatus::Unknown(_)) | None => {
                "ожидает обработки"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_tones_of_order_and_payment_statuses() {
        assert_eq!(OrderStatus::Shipped.word(), "В доставке");
        assert_eq!(OrderStatus::parse("ON_HOLD").word(), "ON_HOLD");
        assert_eq!(OrderStatus::parse("ON_HOLD").tone(), "info");
        assert_eq!(OrderStatus::PendingPayment.tone(), "warn");
        assert_eq!(PaymentStatus::Failed.word(), "Оплата не прошла");
        assert_eq!(PaymentStatus::parse("HELD").word(), "Оплата уточняется");
        assert_eq!(PaymentStatus::parse("HELD").tone(), "warn");
        assert_eq!(RefundStatus::word(None), "ожидает обработки");
        assert_eq!(
            RefundStatus::word(Some(&RefundStatus::Completed)),
            "выполнен"
        );
    }
}
