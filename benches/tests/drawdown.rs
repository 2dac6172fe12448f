//! The SQLite model does the same work as saifu on the same lots: the same lots drawn
//! in the same order for the same amounts, the same refund, sweep and balance.
use saifu::Money;
use saifu_peer_benches::fixtures::{charged_lots, lots, now, wallet};
use saifu_peer_benches::sql::Sql;

fn jpy(n: i64) -> Money {
    Money::jpy(n).unwrap()
}

#[test]
fn sqlite_draws_the_lots_saifu_draws() {
    for n in [10, 100, 1_000] {
        let mut w = wallet(lots(n, false));
        let mut sql = Sql::new(&lots(n, false));
        for amount in [2_500, 1, 9_999, 30_000] {
            let receipt = w.pay("m", jpy(amount), now()).unwrap();
            let (payment, drawn, after) = sql.pay("m", amount, &now()).unwrap();
            let ours: Vec<(String, i64)> = receipt
                .allocations
                .iter()
                .map(|a| (a.lot.clone(), a.amount.minor()))
                .collect();
            assert_eq!(ours, drawn, "n = {n}, amount = {amount}");
            assert_eq!(receipt.balance_after.minor(), after);
            let refund = w
                .refund(&receipt.payment_id, jpy(amount / 2 + 1), now())
                .unwrap();
            let restored = sql.refund(payment, amount / 2 + 1, &now()).unwrap();
            let ours: Vec<(String, i64)> = refund
                .restored
                .iter()
                .map(|r| (r.lot.clone(), r.amount.minor()))
                .collect();
            let theirs: Vec<(String, i64)> = restored
                .into_iter()
                .map(|(_, lot, give)| (lot, give))
                .collect();
            assert_eq!(ours, theirs);
        }
        let view = w.balance(now()).unwrap();
        let b = sql.balance(&now());
        assert_eq!(
            (
                view.total.minor(),
                view.under_6_months.minor(),
                view.under_1_year.minor()
            ),
            (b.total, b.under_6_months, b.under_1_year)
        );
        assert_eq!(view.one_year_or_more.minor(), b.one_year_or_more);
        assert_eq!(view.lots.len(), b.lots.len());
        let forfeited = w.expire(now()).unwrap();
        let (count, total) = sql.sweep(&now());
        assert_eq!(forfeited.len(), count);
        assert_eq!(
            forfeited.iter().map(|f| f.amount.minor()).sum::<i64>(),
            total
        );
        // Saved and loaded, the database holds the same lots.
        let loaded = Sql::load(&sql.save());
        let count: i64 = loaded
            .db
            .query_row("SELECT COUNT(*) FROM lots", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count as usize, n);
    }
}

#[test]
fn the_replayed_charge_ends_where_saifu_ends() {
    let lots = charged_lots(1_000);
    let mut sql = Sql::replay(&lots, &now());
    let total: i64 = lots.iter().map(|l| l.balance.minor()).sum();
    assert_eq!(sql.balance(&now()).total, total);
    let refunded: i64 = sql
        .db
        .query_row("SELECT refunded FROM payments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(refunded, total);
}
