//! Statuses and kinds the backends send as strings, as enums. A value this build does not
//! know is kept as `Unknown(text)` — shown as it came, never a decode failure — and a typo
//! in the app's own code is a compile error instead of a silent mismatch.

/// Declares an enum read from and written as the backend's string, with an `Unknown`
/// fallback, `as_str()` and serde both ways.
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this build does not know, as the backend sent it.
            Unknown(String),
        }

        impl $name {
            /// Every value this build knows, in the seed's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant,)+];

            /// The backend's spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }

            /// Reads the backend's spelling; anything else is `Unknown`.
            pub fn parse(s: &str) -> Self {
                match s {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_string()),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::parse(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::parse(&s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// How an order is paid (seed 003 `paymentMethod`).
    #[derive(Default)]
    pub enum PaymentMethod {
        #[default]
        Card = "CARD",
        BankTransfer = "BANK_TRANSFER",
        Ewallet = "EWALLET",
        Balance = "BALANCE",
    }
}

wire_enum! {
    /// Whether a balance-history operation adds to the balance or takes from it (seed 004
    /// `operationType`).
    pub enum OperationType {
        Addition = "ADDITION",
        Subtraction = "SUBTRACTION",
    }
}

wire_enum! {
    /// A coupon's discount: a percentage or a fixed sum (seed 003 `appliedCoupons[].type`).
    pub enum CouponKind {
        Percentage = "PERCENTAGE",
        Fixed = "FIXED",
    }
}

wire_enum! {
    /// A partner-API place (seed 004 `Warehouse.type`).
    pub enum WarehouseKind {
        Shop = "SHOP",
        Storage = "STORAGE",
    }
}

wire_enum! {
    /// Moderation of a review (seed 003 `status`): only the author sees a pending one.
    pub enum ReviewStatus {
        Pending = "PENDING",
        Published = "PUBLISHED",
    }
}

wire_enum! {
    /// A product's sale status (seed 003 `Product.status`).
    pub enum ProductStatus {
        Active = "ACTIVE",
        OutOfStock = "OUT_OF_STOCK",
        Draft = "DRAFT",
        Archived = "ARCHIVED",
    }
}

wire_enum! {
    /// A partner selection of the front page (seed 004 `ProductSelection.type`).
    pub enum SelectionKind {
        New = "NEW",
        Hit = "HIT",
        Profit = "PROFIT",
    }
}

wire_enum! {
    /// A backend's machine code for a refusal — every one the app explains in words of its
    /// own. Other codes stay `Unknown` and the backend's message is shown.
    pub enum ErrorCode {
        InsufficientStock = "INSUFFICIENT_STOCK",
        MaxQuantityExceeded = "MAX_QUANTITY_EXCEEDED",
        ProductUnavailable = "PRODUCT_UNAVAILABLE",
        ProductNotFound = "PRODUCT_NOT_FOUND",
        VariantNotFound = "VARIANT_NOT_FOUND",
        CartItemNotFound = "CART_ITEM_NOT_FOUND",
        CategoryNotFound = "CATEGORY_NOT_FOUND",
        InvalidCode = "INVALID_CODE",
        CodeExpired = "CODE_EXPIRED",
        NotPurchased = "NOT_PURCHASED",
        AlreadyReviewed = "ALREADY_REVIEWED",
        RateLimitExceeded = "RATE_LIMIT_EXCEEDED",
        CartEmpty = "CART_EMPTY",
        ItemsUnavailable = "ITEMS_UNAVAILABLE",
        InvalidAddress = "INVALID_ADDRESS",
        InvalidShippingMethod = "INVALID_SHIPPING_METHOD",
        InvalidCoupon = "INVALID_COUPON",
        KycRequired = "KYC_REQUIRED",
        ShippingNotAvailable = "SHIPPING_NOT_AVAILABLE",
        InvalidDestination = "INVALID_DESTINATION",
        OrderNotFound = "ORDER_NOT_FOUND",
        NotShipped = "NOT_SHIPPED",
        CannotCancel = "CANNOT_CANCEL",
        CannotRefund = "CANNOT_REFUND",
        RefundPeriodExpired = "REFUND_PERIOD_EXPIRED",
        RefundAlreadyRequested = "REFUND_ALREADY_REQUESTED",
        InsufficientFunds = "INSUFFICIENT_FUNDS",
    }
}

wire_enum! {
    /// What else a shipping method needs chosen (integration.md §2).
    #[derive(Default)]
    pub enum ShippingKind {
        #[default]
        Delivery = "DELIVERY",
        Slots = "SLOTS",
        Pickup = "PICKUP",
        Express = "EXPRESS",
    }
}

wire_enum! {
    /// An order's payment (seed 003 `paymentStatus`).
    pub enum PaymentStatus {
        Pending = "PENDING",
        Paid = "PAID",
        Failed = "FAILED",
        Refunded = "REFUNDED",
    }
}

wire_enum! {
    /// A delivery-API payment (seed 000 `GET /payments/{id}` `status`).
    pub enum GatewayPaymentStatus {
        Pending = "pending",
        Succeeded = "succeeded",
        Failed = "failed",
        Expired = "expired",
    }
}

wire_enum! {
    /// An order's status (seed 003 `OrderSummary.status`, `statusHistory[].status`,
    /// `CheckoutResponse.status`).
    pub enum OrderStatus {
        PendingPayment = "PENDING_PAYMENT",
        Paid = "PAID",
        Processing = "PROCESSING",
        Shipped = "SHIPPED",
        Delivered = "DELIVERED",
        Cancelled = "CANCELLED",
        Refunded = "REFUNDED",
    }
}

wire_enum! {
    /// The money back after a cancellation (seed 003 `CancelOrderResponse.refundStatus`).
    pub enum RefundStatus {
        Pending = "PENDING",
        Processing = "PROCESSING",
        Completed = "COMPLETED",
    }
}

wire_enum! {
    /// A refund request just made (seed 003 `RefundResponse.status`).
    pub enum RefundRequestStatus {
        PendingReview = "PENDING_REVIEW",
    }
}

wire_enum! {
    /// A carrier's scan (seed 003 `TrackingResponse.events[].status`; the seed types it as
    /// a string and shows `IN_TRANSIT`, `OUT_FOR_DELIVERY`; the rest are the carriers' usual).
    pub enum TrackingStatus {
        Shipped = "SHIPPED",
        PickedUp = "PICKED_UP",
        InTransit = "IN_TRANSIT",
        OutForDelivery = "OUT_FOR_DELIVERY",
        Delivered = "DELIVERED",
        Returned = "RETURNED",
        ReturnedToSender = "RETURNED_TO_SENDER",
    }
}

wire_enum! {
    /// A delivery-API order (seed 000: `created → confirmed → assembling → on_the_way →
    /// delivered / canceled`).
    pub enum DeliveryStatus {
        Created = "created",
        Confirmed = "confirmed",
        Assembling = "assembling",
        OnTheWay = "on_the_way",
        Delivered = "delivered",
        Canceled = "canceled",
    }
}

wire_enum! {
    /// An express-courier order (seed 002 «Статусы заказа» and the `active`/`history`
    /// lists of «Orders list»).
    pub enum CourierOrderState {
        Created = "created",
        Accepted = "accepted",
        Cooking = "cooking",
        Ready = "ready",
        PickingUpOrder = "picking_up_order",
        OnWay = "on_way",
        Finished = "finished",
        Canceled = "canceled",
        CanceledPlace = "canceled_place",
        CanceledBb = "canceled_bb",
    }
}

wire_enum! {
    /// The express courier himself (seed 002 «Статусы курьера»).
    pub enum CourierState {
        NotAssigned = "courier-not-assigned",
        Assigned = "courier-assigned",
        Accepted = "courier-accepted",
        Arrived = "courier-arrived",
    }
}

wire_enum! {
    /// A partner's withdrawal request (seed 004 `WithdrawalRequestStatus`).
    pub enum WithdrawalStatus {
        Created = "CREATED",
        Processing = "PROCESSING",
        Completed = "COMPLETED",
        Error = "ERROR",
    }
}

wire_enum! {
    /// Who the partner is (seed 004 `PartnerType`).
    pub enum PartnerKind {
        Client = "CLIENT",
        Mounter = "MOUNTER",
        Dealer = "DEALER",
    }
}

wire_enum! {
    /// A partner's organization (seed 004 `OrganizationType`).
    pub enum OrganizationKind {
        Individual = "INDIVIDUAL",
        Legal = "LEGAL",
    }
}

impl Default for OrganizationKind {
    fn default() -> Self {
        OrganizationKind::Unknown(String::new())
    }
}

impl Default for WithdrawalStatus {
    fn default() -> Self {
        WithdrawalStatus::Unknown(String::new())
    }
}

impl Default for ErrorCode {
    fn default() -> Self {
        ErrorCode::Unknown(String::new())
    }
}

impl Default for WarehouseKind {
    fn default() -> Self {
        WarehouseKind::Unknown(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_are_variants_and_new_ones_are_kept_as_sent() {
        let m: PaymentMethod = serde_json::from_str("\"BANK_TRANSFER\"").unwrap();
        assert_eq!(m, PaymentMethod::BankTransfer);
        let m: PaymentMethod = serde_json::from_str("\"CRYPTO\"").unwrap();
        assert_eq!(m, PaymentMethod::Unknown("CRYPTO".into()));
        assert_eq!(m.as_str(), "CRYPTO");
        assert_eq!(
            serde_json::to_string(&PaymentMethod::Card).unwrap(),
            "\"CARD\""
        );
        assert_eq!(WarehouseKind::parse("SHOP"), WarehouseKind::Shop);
        assert!(serde_json::from_str::<CouponKind>("12").is_err());
    }
}
