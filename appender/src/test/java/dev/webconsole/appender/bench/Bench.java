package dev.webconsole.appender.bench;

/**
 * Entry point of {@code mvn -Pbench -Dbench=NAME}: {@code append} (JMH, cost on the application
 * thread), {@code fanout} (the fan-out load tool with the loopback ceiling), {@code memory} (100
 * tabs in another JVM for minutes, watching the hub's heap), {@code flood} (the owner's page load
 * while another process holds thousands of half-sent requests), {@code publish} (publishing JVMs into
 * one hub against the embedded hub). docs/PERFORMANCE.md has the commands and the figures.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "append" : args[0];
        switch (which) {
            case "append" -> AppendBench.run();
            case "fanout" -> FanOutLoad.run(false);
            case "memory" -> FanOutLoad.run(true);
            case "flood" -> ConnectionFlood.run();
            case "publish" -> PublishLoad.run();
            default -> throw new IllegalArgumentException("unknown benchmark \"" + which + "\": use append, fanout, memory, flood or publish");
        }
    }
}
