package dev.webconsole.server;

import java.time.Duration;
import java.util.Objects;

/**
 * One setting of {@link HubConfig}: its name, its default and its check; {@code compared} if a
 * change makes a different hub (see {@link HubConfig#differences}).
 */
final class Setting<T> {
    /** A check that throws an {@link IllegalArgumentException} naming the setting when a value is not allowed. */
    @FunctionalInterface
    interface Check<T> {
        void check(String name, T value);
    }

    private final String name;
    private final T defaultValue;
    private final Check<T> rule;
    private final boolean compared;

    private Setting(String name, T defaultValue, Check<T> rule, boolean compared) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.rule = rule;
        this.compared = compared;
    }

    static <T> Setting<T> of(String name, T defaultValue, Check<T> check) {
        return new Setting<>(name, defaultValue, check, true);
    }

    /** A setting whose change does not make a different hub (a password, a timeout). */
    static <T> Setting<T> uncompared(String name, T defaultValue, Check<T> check) {
        return new Setting<>(name, defaultValue, check, false);
    }

    static Setting<Integer> range(String name, int defaultValue, int min, int max) {
        return of(name, defaultValue, (n, value) -> {
            if (value < min || value > max) {
                throw new IllegalArgumentException(n + "=\"" + value + "\" is out of range: use " + min + " to " + max);
            }
        });
    }

    /** A duration given in milliseconds (so its name ends in Millis), from {@code min} to {@code max} of them. */
    static Setting<Duration> millis(String name, Duration defaultValue, long min, long max) {
        return of(name, defaultValue, (n, value) -> {
            Objects.requireNonNull(value, n);
            if (value.toMillis() < min || value.toMillis() > max) {
                throw new IllegalArgumentException(n + "=\"" + value.toMillis() + "\" is out of range: use " + min + " to " + max);
            }
        });
    }

    static void notNull(String name, Object value) {
        Objects.requireNonNull(value, name);
    }

    static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + "=\"" + value + "\" must be positive");
        }
    }

    static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + "=\"" + value + "\" is negative");
        }
    }

    String name() {
        return name;
    }

    T defaultValue() {
        return defaultValue;
    }

    boolean compared() {
        return compared;
    }

    @SuppressWarnings("unchecked") // values are put only through HubConfig's typed setters
    void check(Object value) {
        rule.check(name, (T) value);
    }
}
