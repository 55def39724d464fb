//! `/checkout`: address, shipping (methods with exact prices, time slots, pickup points,
//! express courier), payment, coupons and notes, the summary recalculated after every
//! choice, and an order placed once however the network and the rate limit behave.
//! `/checkout/return`: the payment's outcome. Decisions where the backends meet:
//! docs/integration.md.

mod address;
mod done;
mod express;
mod lookup;
mod payment;
mod place;
mod return_page;
mod shipping;

pub use return_page::CheckoutReturnPage;

use crate::api::commerce::checkout::{self as api, Address};
use crate::api::partner::{self, Warehouse};
use crate::api::ApiError;
use crate::domain::checkout::attempt::ListedOrder;
use crate::domain::checkout::draft::Draft;
use crate::domain::checkout::explain::{explain, Explained, Where};
use crate::domain::checkout::offer::{PlacedOrder, Preview, ShippingMethod, ShippingOption};
use crate::domain::codes::{ErrorCode, ShippingKind};
use crate::domain::orders::order::{OrderDetail, OrderSummary};
use crate::routes::Route;
use crate::state::cart::{use_cart, Cart};
use crate::state::storage::{self, Key};
use crate::state::{use_session, Session};
use leptos::prelude::*;
use leptos_meta::Title;
use rust_decimal::Decimal;
use std::time::Duration;

const DRAFT_VERSION: u32 = 1;

pub(crate) use crate::domain::money::rub_text;

/// A method as offered: the list's entry and, once an address is known, its exact cost.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MethodView {
    pub m: ShippingMethod,
    pub option: Option<ShippingOption>,
}

/// Where the order stands.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Phase {
    Editing,
    Sending,
    /// The answer was lost: looking for the order before anything else.
    Checking,
    /// Not found after a lost answer: a retry is offered (looked for once more first).
    Lost,
    /// After a lost answer nothing proves whether the order was made: said plainly, with
    /// the orders list; the button only looks again.
    Unproven,
    Done(Box<PlacedOrder>),
    /// After a lost answer, the order whose notes carry this attempt's reference.
    Found(Box<OrderDetail>),
}

type Fetched<T> = Option<Result<T, ApiError>>;

/// The page's state, shared by its sections.
#[derive(Clone, Copy)]
pub(crate) struct CheckoutState {
    pub draft: RwSignal<Draft>,
    pub addresses: RwSignal<Fetched<Vec<Address>>>,
    /// The partner API's warehouses and shops: asked once per page, for pickup and express.
    pub places: RwSignal<Fetched<Vec<Warehouse>>>,
    /// The partner API's answer for the chosen address.
    pub deliverable: RwSignal<Option<bool>>,
    pub methods: RwSignal<Fetched<Vec<MethodView>>>,
    pub preview: RwSignal<Fetched<Preview>>,
    pub previewing: RwSignal<bool>,
    /// The last refusal, said beside the part it is about.
    pub problem: RwSignal<Option<Explained>>,
    pub phase: RwSignal<Phase>,
    pub session: Session,
    pub cart: Cart,
    // Derived, as memos: what follows them (methods, slots, the address check, the preview)
    // runs again when these change, not on every keystroke in the draft.
    address: Memo<Option<Address>>,
    kind: Memo<Option<ShippingKind>>,
    cart_id: Memo<Option<String>>,
}

impl CheckoutState {
    fn new(session: Session, cart: Cart, draft: Draft) -> CheckoutState {
        let draft = RwSignal::new(draft);
        let addresses = RwSignal::new(None::<Result<Vec<Address>, ApiError>>);
        let methods = RwSignal::new(None::<Result<Vec<MethodView>, ApiError>>);
        let address = Memo::new(move |_| {
            let id = draft.with(|d| (!d.adding_address).then(|| d.address_id.clone()).flatten())?;
            addresses.with(|a| {
                a.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|l| l.iter().find(|x| x.id == id).cloned())
            })
        });
        let kind = Memo::new(move |_| {
            let id = draft.with(|d| d.method_id.clone())?;
            methods.with(|m| {
                m.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|l| l.iter().find(|x| x.m.id == id).map(|x| x.m.kind.clone()))
            })
        });
        let cart_id = Memo::new(move |_| cart.server().with(|s| s.as_ref().map(|s| s.id.clone())));
        CheckoutState {
            draft,
            addresses,
            places: RwSignal::new(None),
            deliverable: RwSignal::new(None),
            methods,
            preview: RwSignal::new(None),
            previewing: RwSignal::new(false),
            problem: RwSignal::new(None),
            phase: RwSignal::new(Phase::Editing),
            session,
            cart,
            address,
            kind,
            cart_id,
        }
    }

    /// The chosen saved address (none while the new-address form is open).
    pub fn address(&self) -> Option<Address> {
        self.address.get()
    }

    /// The chosen method's kind.
    pub fn kind(&self) -> Option<ShippingKind> {
        self.kind.get()
    }

    pub fn cart_id(&self) -> Option<String> {
        self.cart_id.get()
    }

    pub fn subtotal(&self) -> Decimal {
        self.cart
            .server()
            .with(|s| s.as_ref().map(|s| s.summary.subtotal).unwrap_or_default())
    }

    /// The refusal's text if it belongs to `at`.
    pub fn problem_at(&self, at: Where) -> Option<String> {
        self.problem
            .with(|p| p.as_ref().filter(|p| p.at == at).map(|p| p.text.clone()))
    }

    pub fn editable(&self) -> bool {
        self.phase
            .with(|p| matches!(p, Phase::Editing | Phase::Lost))
    }
}

/// A refusal explained where it belongs (the words are the domain's).
pub(crate) fn explained(e: &ApiError, partner: bool) -> Explained {
    let code = e.code().cloned().unwrap_or_default();
    let details = e
        .backend()
        .map(|b| b.details.as_slice())
        .unwrap_or_default();
    explain(&code, details, e.user_message(), partner)
}

/// Shows a refusal beside its part; a refused coupon is taken off the draft (the last one
/// added when the backend did not name it).
pub(crate) fn show_problem(ck: CheckoutState, x: Explained) {
    if x.at == Where::Coupon {
        ck.draft.update(|d| match &x.coupon {
            Some(c) => d.coupons.retain(|k| k != c),
            None => {
                d.coupons.pop();
            }
        });
    }
    ck.problem.set(Some(x));
}

/// The partner API's places, asked once per page: pickup shows them, express starts from the
/// nearest one.
pub(crate) async fn places(ck: CheckoutState) -> Result<Vec<Warehouse>, ApiError> {
    if let Some(Ok(p)) = ck.places.get_untracked() {
        return Ok(p);
    }
    let r = partner::warehouses(&ck.session.partner()).await;
    ck.places.try_set(Some(r.clone()));
    r
}

/// How the lookup reads an order of `GET /orders`.
pub(crate) fn listed(o: &OrderSummary) -> ListedOrder<'_> {
    ListedOrder {
        created_at: &o.created_at,
        status: &o.status,
        total: o.total,
    }
}

/// Reads the preview again a moment after the last change.
fn follow_preview(ck: CheckoutState) {
    let ticket = StoredValue::new(0u64);
    // A refusal the preview explained (KYC, stock, an address or method gone) is shown where
    // it belongs, and taken away by the preview that no longer meets it.
    let shown = StoredValue::new(false);
    let timer = crate::timer::Debounce::new();
    // Only what changes the totals: typing notes or a new address asks nothing.
    let body = Memo::new(move |_| ck.draft.with(|d| d.preview_request(ck.kind().as_ref())));
    // The shipping the last preview priced: another address or method makes its shipping
    // and total wrong, so they are not shown while the new ones are asked for.
    let priced = StoredValue::new(None::<[Option<String>; 5]>);
    Effect::new(move |_| {
        let body = body.get();
        let shipping = [
            body.shipping_address_id.clone(),
            Some(body.shipping_method_id.clone()),
            body.delivery_slot_id.clone(),
            body.pickup_warehouse_id.clone(),
            body.courier_quote_id.clone(),
        ];
        if priced.get_value().as_ref() != Some(&shipping) {
            priced.set_value(Some(shipping));
            ck.preview.set(None);
        }
        // Cart changes (another tab, a line removed) change the totals too.
        ck.cart.lines().track();
        if !ck.editable() || ck.cart.server().with(Option::is_none) {
            return;
        }
        let n = ticket.get_value() + 1;
        ticket.set_value(n);
        ck.previewing.set(true);
        timer.schedule(Duration::from_millis(250), move || {
            let ep = ck.session.commerce();
            leptos::task::spawn_local(async move {
                let r = api::preview(&ep, &body).await;
                if ticket.try_get_value() != Some(n) {
                    return;
                }
                ck.previewing.set(false);
                match &r {
                    Err(e) if e.is(ErrorCode::InvalidCoupon) => {
                        // The preview runs again without the refused coupon.
                        show_problem(ck, explained(e, ck.session.is_partner()));
                        return;
                    }
                    Err(e) => {
                        let x = explained(e, ck.session.is_partner());
                        if x.at != Where::Form {
                            ck.problem.set(Some(x));
                            shown.set_value(true);
                        }
                        ck.session.refused(e);
                    }
                    Ok(_) if shown.get_value() => {
                        shown.set_value(false);
                        ck.problem.set(None);
                    }
                    Ok(_) => {}
                }
                ck.preview.set(Some(r));
            });
        });
    });
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let session = use_session();
    let cart = use_cart();
    let restored = storage::read_record::<Draft>(&Key::checkout_draft(), DRAFT_VERSION)
        .unwrap_or_default()
        .restored(crate::timer::now_unix());
    let ck = CheckoutState::new(session, cart, restored);
    // Every change is kept at once: a reload or a sign-in round trip loses nothing.
    Effect::new(move |_| {
        let done = ck
            .phase
            .with(|p| matches!(p, Phase::Done(_) | Phase::Found(_)));
        ck.draft.with(|d| {
            if !done {
                let _ = storage::write_record(&Key::checkout_draft(), DRAFT_VERSION, d);
            }
        });
    });
    follow_preview(ck);
    let empty = Memo::new(move |_| !cart.is_loading() && cart.lines().with(Vec::is_empty));
    let finished = Memo::new(move |_| {
        ck.phase
            .with(|p| matches!(p, Phase::Done(_) | Phase::Found(_)))
    });

    view! {
        <Title text="Оформление заказа"/>
        <h1 class="page-title">"Оформление заказа"</h1>
        {move || if finished.get() {
            view! { <done::Finished ck=ck/> }.into_any()
        } else if empty.get() {
            view! {
                <section class="cart-empty" data-testid="checkout-empty">
                    <p class="cart-empty__title">"В корзине пока ничего нет"</p>
                    <p>"Добавьте товары, чтобы оформить заказ."</p>
                    <a class="btn" href=Route::catalog().href()>"Перейти в каталог"</a>
                </section>
            }.into_any()
        } else {
            view! {
                <div class="checkout">
                    <div class="checkout__steps">
                        <address::AddressSection ck=ck/>
                        <shipping::ShippingSection ck=ck/>
                        <payment::PaymentSection ck=ck/>
                    </div>
                    <place::SummaryPanel ck=ck/>
                </div>
            }.into_any()
        }}
    }
}
