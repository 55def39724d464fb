//! Partner API (seed 004) — the partner's cabinet: profile, levels, the bonus balance's
//! history (past and scheduled), withdrawal requests, organizations. Seed 004 names no
//! authentication; a storefront calls it from the browser, so every `/partners/{id}/…`
//! wants the Bearer token of that partner's user (docs/integration.md §11): 401 without a
//! valid token, 404 for another partner's id (nothing tells it exists).
//!
//! The mounter's history is a year long and walks back from today's balance, so the
//! balance never dips below zero; a withdrawal request takes its amount off the balance at
//! once and adds a subtraction to the history.

use crate::data::{self, iso, money, Rng};
use crate::envelope::Backend;
use crate::{unix_now, AppState, Mutable};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde_json::{json, Value};

const DAY: i64 = 86_400;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partners/levels", get(levels))
        .route("/partners/{id}", get(profile))
        .route("/partners/{id}/balance-history", post(history))
        .route("/partners/{id}/withdrawal-requests", post(withdrawals))
        .route("/partners/{id}/withdrawal-requests/create", post(withdraw))
        .route(
            "/partners/{id}/organizations/create",
            post(add_organization),
        )
        .route(
            "/partners/{id}/organizations/{org}/delete",
            post(remove_organization),
        )
}

/// One operation on a bonus balance; after `now` it is scheduled (`FUTURE`).
#[derive(Clone, Debug)]
pub struct Op {
    pub id: String,
    pub addition: bool,
    pub kopecks: i64,
    pub description: String,
    pub at: i64,
}

#[derive(Clone, Debug)]
pub struct Withdrawal {
    pub id: String,
    pub status: &'static str,
    pub kopecks: i64,
    pub at: i64,
}

/// A partner's cabinet as the stub keeps it.
#[derive(Clone, Debug, Default)]
pub struct Cabinet {
    /// `None` until the partner changes them: the seed's.
    pub organizations: Option<Vec<Value>>,
    pub ops: Vec<Op>,
    pub withdrawals: Vec<Withdrawal>,
    pub seq: u64,
}

/// The mounter's year: 70 past operations walked back from `balance` (kopecks) so the
/// balance is never negative, completed withdrawals among them, and 6 scheduled ones.
pub fn demo_cabinet(balance: i64, now: i64) -> Cabinet {
    let mut r = Rng::new(42);
    let mut ops = Vec::new();
    let mut after = balance;
    let mut at = now - 3 * 3600;
    let statuses = ["CREATED", "PROCESSING", "COMPLETED", "ERROR", "COMPLETED"];
    let mut withdrawals = Vec::new();
    for i in 0..70u64 {
        let order = 12_000 + i * 37;
        let value = (r.below(2500) as i64 + 100) * 100 + r.below(100) as i64;
        // Walking back: an addition needs that much to have been there after it.
        let addition = after >= value && r.chance(70);
        let withdrawal = !addition && i % 14 == 5 && withdrawals.len() < statuses.len();
        let description = match (addition, withdrawal) {
            (true, _) => format!("Начисление за заказ {order}"),
            (false, true) => format!("Вывод средств, заявка W-{}", 100 + withdrawals.len()),
            _ => format!("Списание за заказ {order}"),
        };
        if withdrawal {
            withdrawals.push(Withdrawal {
                id: format!("W-{}", 100 + withdrawals.len()),
                status: statuses[withdrawals.len()],
                kopecks: value,
                at,
            });
        }
        ops.push(Op {
            id: format!("{}", 1000 + i),
            addition,
            kopecks: value,
            description,
            at,
        });
        after = if addition {
            after - value
        } else {
            after + value
        };
        // About every five days, at some hour: a year in all.
        at -= 365 * DAY / 70 + (r.below(24) as i64 - 12) * 3600;
    }
    for i in 0..6u64 {
        let addition = i != 3;
        ops.push(Op {
            id: format!("{}", 2000 + i),
            addition,
            kopecks: (r.below(1500) as i64 + 200) * 100,
            description: if addition {
                format!("Начисление за заказ {} после получения", 13_000 + i * 11)
            } else {
                "Списание: возврат заказа 12851".to_string()
            },
            at: now + (i as i64 * 9 + 3) * DAY,
        });
    }
    Cabinet {
        organizations: None,
        ops,
        withdrawals,
        seq: 0,
    }
}

fn error(status: u16, code: &str, message: &str) -> Response {
    Backend::Partner.error(status, code, message, Value::Null, "")
}

fn invalid(message: &str) -> Response {
    error(400, "VALIDATION_ERROR", message)
}

/// `f` with the cabinet of partner `id`, when the token is that partner's user.
fn with_cabinet(
    s: &AppState,
    headers: &HeaderMap,
    id: &str,
    f: impl FnOnce(&mut Mutable) -> Response,
) -> Response {
    let Some(user) = s.user(headers) else {
        return error(401, "UNAUTHORIZED", "Нужен токен партнёра");
    };
    if user.partner_id.as_deref() != Some(id) {
        return error(404, "NOT_FOUND", "Партнёр не найден");
    }
    let mut m = s.lock();
    m.cabinets.entry(id.to_string()).or_default();
    f(&mut m)
}

/// `GET /partners/levels`: a bare array, as seed 004 shows it.
async fn levels() -> Response {
    Json(data::partner_levels()).into_response()
}

/// `GET /partners/{id}`: the profile with today's balance and organizations.
async fn profile(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let Some(mut p) = data::partners().into_iter().find(|p| p["id"] == id) else {
            return error(404, "NOT_FOUND", "Партнёр не найден");
        };
        if p["bonusBalance"].is_number() {
            p["bonusBalance"] = money(m.partner_balances.get(&id).copied().unwrap_or(0));
        }
        p["organizations"] = json!(current_organizations(m, &id));
        Json(p).into_response()
    })
}

/// The list body's common parts: `range` (inclusive dates), `direction`, `limit` (≤ 100,
/// default 50), `offset`.
struct ListQuery {
    from: Option<i64>,
    to: Option<i64>,
    ascending: bool,
    limit: usize,
    offset: usize,
}

fn day_of(v: &Value) -> Result<Option<i64>, Response> {
    match v.as_str() {
        None if v.is_null() => Ok(None),
        Some(d) => match crate::orders::parse_iso(d) {
            Some((t, true)) => Ok(Some(t)),
            _ => Err(invalid("range: дата в формате YYYY-MM-DD")),
        },
        None => Err(invalid("range: дата в формате YYYY-MM-DD")),
    }
}

fn list_query(v: &Value) -> Result<ListQuery, Response> {
    let limit = match &v["limit"] {
        Value::Null => 50,
        l => match l.as_u64() {
            Some(n) if n <= 100 => n as usize,
            _ => return Err(invalid("limit — целое число от 0 до 100")),
        },
    };
    let offset = match &v["offset"] {
        Value::Null => 0,
        o => o
            .as_u64()
            .ok_or_else(|| invalid("offset — целое неотрицательное число"))? as usize,
    };
    let ascending = match v["direction"].as_str() {
        None | Some("DESC") => false,
        Some("ASC") => true,
        Some(_) => return Err(invalid("direction — ASC или DESC")),
    };
    Ok(ListQuery {
        from: day_of(&v["range"]["from"])?,
        to: day_of(&v["range"]["to"])?.map(|d| d + DAY - 1),
        ascending,
        limit,
        offset,
    })
}

impl ListQuery {
    fn holds(&self, at: i64) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at <= t)
    }

    /// `{data, limit, offset, total}` of `items` (time, JSON) in the asked order.
    fn page(&self, mut items: Vec<(i64, Value)>) -> Response {
        items.sort_by_key(|(at, _)| *at);
        if !self.ascending {
            items.reverse();
        }
        let total = items.len();
        let data: Vec<Value> = items
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(_, v)| v)
            .collect();
        Json(json!({"data": data, "limit": self.limit, "offset": self.offset, "total": total}))
            .into_response()
    }
}

fn body_json(body: &Bytes) -> Result<Value, Response> {
    if body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|_| invalid("Некорректный JSON"))
}

/// A list request's body and its common parts.
fn list_body(body: &Bytes) -> Result<(Value, ListQuery), Response> {
    let v = body_json(body)?;
    let q = list_query(&v)?;
    Ok((v, q))
}

/// `POST /partners/{id}/balance-history`: `type` PAST or FUTURE (required), `operationType`.
async fn history(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let (v, q) = match list_body(&body) {
            Ok(x) => x,
            Err(r) => return r,
        };
        let future = match v["type"].as_str() {
            Some("PAST") => false,
            Some("FUTURE") => true,
            _ => return invalid("type — PAST или FUTURE"),
        };
        let kind = match v["operationType"].as_str() {
            None => None,
            Some("ADDITION") => Some(true),
            Some("SUBTRACTION") => Some(false),
            Some(_) => return invalid("operationType — ADDITION или SUBTRACTION"),
        };
        let now = unix_now();
        let items = m.cabinets[&id]
            .ops
            .iter()
            .filter(|o| (o.at > now) == future && kind.is_none_or(|k| o.addition == k))
            .filter(|o| q.holds(o.at))
            .map(|o| {
                (
                    o.at,
                    json!({
                        "id": o.id,
                        "operationType": if o.addition { "ADDITION" } else { "SUBTRACTION" },
                        "value": money(o.kopecks),
                        "description": o.description,
                        "datetime": iso(o.at),
                    }),
                )
            })
            .collect();
        q.page(items)
    })
}

const STATUSES: [&str; 4] = ["CREATED", "PROCESSING", "COMPLETED", "ERROR"];

/// `POST /partners/{id}/withdrawal-requests`: by `status`, range, direction, page.
async fn withdrawals(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let (v, q) = match list_body(&body) {
            Ok(x) => x,
            Err(r) => return r,
        };
        let status = match v["status"].as_str() {
            None => None,
            Some(st) if STATUSES.contains(&st) => Some(st),
            Some(_) => return invalid("status — CREATED, PROCESSING, COMPLETED или ERROR"),
        };
        let items = m.cabinets[&id]
            .withdrawals
            .iter()
            .filter(|w| status.is_none_or(|st| w.status == st) && q.holds(w.at))
            .map(|w| {
                (
                    w.at,
                    json!({"id": w.id, "status": w.status, "amount": money(w.kopecks), "datetime": iso(w.at)}),
                )
            })
            .collect();
        q.page(items)
    })
}

fn digits(v: &Value, n: &[usize]) -> bool {
    v.as_str()
        .is_some_and(|s| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
}

fn filled(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

/// What is wrong with a withdrawal request's body, in seed 004's fields.
fn withdrawal_problem(v: &Value, balance: i64) -> Result<i64, Response> {
    let person = &v["person"];
    let org = &v["organization"];
    match (person.is_object(), org.is_object()) {
        (true, true) | (false, false) => {
            return Err(invalid("Укажите либо person, либо organization"))
        }
        (true, false) => {
            if !["fullName", "birthday", "passportNumber", "departmentСode"]
                .iter()
                .all(|k| filled(&person[*k]))
            {
                return Err(invalid(
                    "person: fullName, birthday, passportNumber, departmentСode обязательны",
                ));
            }
            if !digits(&v["inn"], &[12]) {
                return Err(invalid("inn физического лица — 12 цифр"));
            }
        }
        (false, true) => {
            if !["name", "kpp", "address"].iter().all(|k| filled(&org[*k])) {
                return Err(invalid("organization: name, kpp, address обязательны"));
            }
            if !digits(&v["inn"], &[10, 12]) {
                return Err(invalid("inn — 10 или 12 цифр"));
            }
        }
    }
    if !digits(&v["bik"], &[9]) {
        return Err(invalid("bik — 9 цифр"));
    }
    if !digits(&v["currentAccount"], &[20]) {
        return Err(invalid("currentAccount — 20 цифр"));
    }
    let amount = v["amount"]
        .as_f64()
        .filter(|a| *a > 0.0)
        .map(|a| (a * 100.0).round() as i64)
        .ok_or_else(|| invalid("amount — сумма больше нуля"))?;
    if amount > balance {
        return Err(error(
            400,
            "INSUFFICIENT_FUNDS",
            "Сумма больше бонусного баланса",
        ));
    }
    Ok(amount)
}

/// `POST /partners/{id}/withdrawal-requests/create`: 201, no body.
async fn withdraw(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let v = match body_json(&body) {
            Ok(v) => v,
            Err(r) => return r,
        };
        let balance = m.partner_balances.get(&id).copied().unwrap_or(0);
        let amount = match withdrawal_problem(&v, balance) {
            Ok(a) => a,
            Err(r) => return r,
        };
        m.partner_balances.insert(id.clone(), balance - amount);
        let now = unix_now();
        let Some(c) = m.cabinets.get_mut(&id) else {
            return error(404, "NOT_FOUND", "Партнёр не найден");
        };
        c.seq += 1;
        let wid = format!("W-{}", 200 + c.seq);
        c.ops.push(Op {
            id: format!("{}", 3000 + c.seq),
            addition: false,
            kopecks: amount,
            description: format!("Вывод средств, заявка {wid}"),
            at: now,
        });
        c.withdrawals.push(Withdrawal {
            id: wid,
            status: "CREATED",
            kopecks: amount,
            at: now,
        });
        StatusCode::CREATED.into_response()
    })
}

/// `POST /partners/{id}/organizations/create`: 200, no body; 409 when that INN is there.
async fn add_organization(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let v = match body_json(&body) {
            Ok(v) => v,
            Err(r) => return r,
        };
        let kind = v["type"].as_str().unwrap_or("LEGAL");
        let inn_len: &[usize] = if kind == "INDIVIDUAL" { &[12] } else { &[10] };
        if !["LEGAL", "INDIVIDUAL"].contains(&kind)
            || !filled(&v["name"])
            || !filled(&v["legalAddress"])
            || !digits(&v["inn"], inn_len)
            || !(v["kpp"].is_null() || digits(&v["kpp"], &[9]))
        {
            return invalid(
                "type, name, inn, legalAddress обязательны; inn — 10 или 12 цифр, kpp — 9",
            );
        }
        let current = current_organizations(m, &id);
        if current.iter().any(|o| o["inn"] == v["inn"]) {
            return error(409, "CONFLICT", "Организация с таким ИНН уже добавлена");
        }
        let Some(c) = m.cabinets.get_mut(&id) else {
            return error(404, "NOT_FOUND", "Партнёр не найден");
        };
        c.seq += 1;
        let mut orgs = current;
        orgs.push(json!({
            "id": data::uuid(0x0a00, c.seq),
            "type": kind,
            "name": v["name"].as_str().map(str::trim),
            "inn": v["inn"],
            "kpp": v["kpp"],
            "legalAddress": v["legalAddress"],
            "actualAddress": v["actualAddress"],
        }));
        c.organizations = Some(orgs);
        StatusCode::OK.into_response()
    })
}

/// The partner's organizations now: the seed's until the cabinet first changed them.
fn current_organizations(m: &Mutable, id: &str) -> Vec<Value> {
    if let Some(orgs) = &m.cabinets[id].organizations {
        return orgs.clone();
    }
    data::partners()
        .into_iter()
        .find(|p| p["id"] == id)
        .and_then(|p| p["organizations"].as_array().cloned())
        .unwrap_or_default()
}

/// `POST /partners/{id}/organizations/{org}/delete`: 204.
async fn remove_organization(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((id, org)): Path<(String, String)>,
) -> Response {
    with_cabinet(&s, &headers, &id, |m| {
        let mut orgs = current_organizations(m, &id);
        let before = orgs.len();
        orgs.retain(|o| o["id"] != org.as_str());
        if orgs.len() == before {
            return error(404, "NOT_FOUND", "Организация не найдена");
        }
        if let Some(c) = m.cabinets.get_mut(&id) {
            c.organizations = Some(orgs);
        }
        StatusCode::NO_CONTENT.into_response()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_year_never_dips_below_zero_and_ends_at_todays_balance() {
        let now = 1_800_000_000;
        let c = demo_cabinet(1_000_000, now);
        let mut past: Vec<&Op> = c.ops.iter().filter(|o| o.at <= now).collect();
        past.sort_by_key(|o| o.at);
        assert_eq!(past.len(), 70);
        assert!(now - past[0].at > 300 * DAY, "about a year");
        let signed = |o: &Op| if o.addition { o.kopecks } else { -o.kopecks };
        let mut b = 1_000_000 - past.iter().map(|o| signed(o)).sum::<i64>();
        assert!(b >= 0);
        for o in &past {
            b += signed(o);
            assert!(b >= 0, "{o:?}");
        }
        assert_eq!(b, 1_000_000);
        assert_eq!(c.ops.iter().filter(|o| o.at > now).count(), 6);
        let mut st: Vec<&str> = c.withdrawals.iter().map(|w| w.status).collect();
        st.sort_unstable();
        st.dedup();
        assert_eq!(st, ["COMPLETED", "CREATED", "ERROR", "PROCESSING"]);
    }
}
