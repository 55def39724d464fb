//! Orders after checkout: the stages a shopper follows and one timeline merged from every
//! system that handles an order (the commerce order and its tracking, the delivery API's
//! order, the express courier, a carrier's track number).

pub mod history;
pub mod order;
pub mod status;
pub mod timeline;
