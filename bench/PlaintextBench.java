import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.view.tls.PlaintextCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a command RUNS times untraced and RUNS times under PlaintextCapture, alternating, and
 * prints the median wall times, their ratio, the median time from the session's start to
 * the first plaintext event, and the events per traced run. Usage (see plaintext.sh):
 * java -cp CLASSPATH PlaintextBench.java RUNS CMD [ARGS...]
 */
public class PlaintextBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> cmd = List.of(Arrays.copyOfRange(args, 1, args.length));
        List<Long> plain = new ArrayList<>(), traced = new ArrayList<>(), first = new ArrayList<>();
        long events = 0;
        for (int r = 0; r <= runs; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) throw new IllegalStateException("untraced run failed");
            long untracedNs = System.nanoTime() - t0;
            AtomicLong firstAt = new AtomicLong(), count = new AtomicLong();
            PlaintextCapture capture = new PlaintextCapture(4096, e -> {
                if (count.getAndIncrement() == 0) firstAt.set(System.nanoTime());
            });
            long t1 = System.nanoTime();
            try (TraceSession s = TraceSession.launch(cmd, capture.traceOptions(TraceOptions.defaults()
                    .withFollowForks(true).withSyscalls(x -> false).withSeccompFilter(true)
                    .withInheritedFds(java.util.Set.of(0, 2))))) {
                capture.install(s);
                if (s.start() != 0) throw new IllegalStateException("traced run failed");
            }
            long tracedNs = System.nanoTime() - t1;
            if (r == 0) continue; // warm-up
            plain.add(untracedNs);
            traced.add(tracedNs);
            first.add(firstAt.get() - t1);
            events = count.get();
        }
        double u = median(plain), t = median(traced);
        System.out.printf("untraced %.3f s, traced %.3f s, ratio %.2f; first event %.3f s after start; %d events/run%n",
                u, t, t / u, median(first), events);
    }

    private static double median(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        s.sort(null);
        return s.get(s.size() / 2) / 1e9;
    }
}
