package io.memberflow.domain;

/** States built by the domain's rules, for tests in other packages. */
public final class EntitlementMachineTestAccess {
    private EntitlementMachineTestAccess() {
    }

    /** A lead who bought a one-off purchase of plan pro (checkout and its invoice), with Stripe reads. */
    public static MemberState afterOneOff(String customer) {
        EntitlementMachine machine = Fixtures.machine().withChargeFacts(true);
        MemberState s = MemberState.initial(customer);
        s = machine.apply(s, BillingEvent.builder("evt_co", "checkout.session.completed", Fixtures.T, customer)
                .checkoutMode("payment").paymentStatus("paid").invoiceId("in_l").paymentIntentId("pi_l").amount(29_900L)
                .build(), Fixtures.NOW, true).next();
        return machine.apply(s, BillingEvent.builder("evt_in", "invoice.paid", Fixtures.T, customer).invoiceId("in_l")
                .amountPaid(29_900L).billingReason("manual").priceIds(Fixtures.PRO_PRICE).build(), Fixtures.NOW, true).next();
    }
}
