package io.jstrace.decode;

import java.util.TimeZone;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test with UTC as the JVM's default time zone, as strace's dates in the
 * expected texts are, and puts the previous zone back after it:
 * {@code @ExtendWith(InUtc.class)}.
 */
final class InUtc implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(InUtc.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("saved", TimeZone.getDefault());
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TimeZone.setDefault(context.getStore(NS).get("saved", TimeZone.class));
    }
}
