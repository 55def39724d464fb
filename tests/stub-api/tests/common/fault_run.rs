//! What the seeded fault runs share: `tests/checkout_faults.rs` (the checkout against a
//! model of the stub, in the app crate), and the runs through the real stub over HTTP
//! (`checkout_faults.rs`, `payout_faults.rs` here). The seeded random source, the faults met
//! by name, the run count from the environment and a listed order as the checkout's lookup
//! reads it. Each run keeps its own faults, figures and driver. No HTTP here: the app
//! crate's run includes this file too (`#[path]`).
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Debug;
use vitrina::domain::checkout::attempt::ListedOrder;
use vitrina::domain::orders::order::OrderSummary;

/// xorshift64: the same seed, the same run.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    /// One of `faults`, counted in `met` under `label` and its name.
    pub fn fault<F: Copy + Debug>(
        &mut self,
        faults: &[F],
        met: &mut HashMap<String, u64>,
        label: &str,
    ) -> F {
        let f = faults[self.below(faults.len() as u64) as usize];
        *met.entry(format!("{label}{f:?}")).or_default() += 1;
        f
    }
}

/// How many runs: `var` from the environment (`make bench` sets 1000), else 200.
pub fn runs(var: &str) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// An order of the list as the checkout's lookup (`candidates`) reads it.
pub fn listed(o: &OrderSummary) -> ListedOrder<'_> {
    ListedOrder {
        created_at: &o.created_at,
        status: &o.status,
        total: o.total,
    }
}
