package dev.webconsole.server.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuessBudgetTest {
    @Test
    void aLockedAddressIsNotForgottenWhileManyOthersGuess() {
        GuessBudget budget = new GuessBudget(10, 100, 0);
        for (int i = 0; i < 10; i++) {
            budget.recordWrong("127.0.0.1", "guess-" + i, 1);
        }
        assertTrue(budget.isSpent("127.0.0.1", 2));
        for (int i = 0; i < 100_000; i++) {
            budget.recordWrong("127.1." + (i / 250) + "." + (i % 250), "flood-" + i, 3);
        }
        assertTrue(budget.isSpent("127.0.0.1", 4), "still locked after a flood of other addresses");
        assertTrue(budget.trackedAddresses() <= 200, "bounded: " + budget.trackedAddresses());
    }

    @Test
    void theBudgetOfAllAddressesTogetherIsSpentBySpreadGuesses() {
        GuessBudget budget = new GuessBudget(10, 100, 0);
        for (int i = 0; i < 100; i++) {
            assertFalse(budget.isSpent("10.0.0." + i, 1));
            budget.recordWrong("10.0.0." + i, "one-guess", 1);
        }
        assertTrue(budget.isSpent("10.0.1.1", 2), "a fresh address finds the budget spent");
    }

    @Test
    void aMinuteLaterTheBudgetIsBackAndOldEntriesAreGone() {
        GuessBudget budget = new GuessBudget(10, 100, 0);
        for (int i = 0; i < 100; i++) {
            budget.recordWrong("10.0.0." + i, "guess", 1);
        }
        long later = 1 + GuessBudget.MINUTE_NANOS;
        assertFalse(budget.isSpent("10.0.0.1", later));
        assertTrue(budget.trackedAddresses() == 0, "entries of a finished minute are dropped");
    }

    @Test
    void oneStaleTokenRetriedCountsOnce() {
        GuessBudget budget = new GuessBudget(10, 100, 0);
        for (int i = 0; i < 50; i++) {
            budget.recordWrong("127.0.0.1", "token-of-the-previous-run", 1);
        }
        assertFalse(budget.isSpent("127.0.0.1", 2));
    }
}
