package io.jstrace.core.internal;

import java.time.Instant;

/** Wall-clock nanoseconds, read once and advanced with the monotonic clock (cheap per stop). */
final class Clock {
    private final long baseEpochNanos;
    private final long baseNanoTime;

    Clock() {
        Instant now = Instant.now();
        this.baseNanoTime = System.nanoTime();
        this.baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    long now() {
        return baseEpochNanos + (System.nanoTime() - baseNanoTime);
    }
}
