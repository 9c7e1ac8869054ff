package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.jmh.StateMachineBenchmark;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "state-machine",
    description =
        "1. Provider events applied through the payment state machine per second, vs a HashMap"
            + " put of the same events (JMH, one thread).")
final class StateMachineCommand extends SuiteCommand {
  @Mixin JmhOptions jmh = new JmhOptions();

  @Override
  List<Table> run(PrintStream out) throws Exception {
    Map<String, Measurement> m =
        new JmhRunner(jmh.settings())
            .run(
                StateMachineBenchmark.class.getSimpleName() + "\\.",
                Map.of(),
                1,
                ForkEnvironment.jvmArgs(null, 1, null),
                SuiteCommand::key);
    Measurement base =
        m.get("baselineHashMapPut/-/1").withLabel("baseline: HashMap.put of the same events");
    Measurement paykit =
        m.get("paykitApply/-/1")
            .withLabel("Paykit: Payment.apply (status mapping, lifecycle table, history entry)");
    return List.of(
        Table.benchmark("1. State machine: provider events applied per second (1 thread)")
            .add(paykit, base, "HashMap.put")
            .addBaseline(base)
            .note(
                "Events: a webhook stream's mix of steps forward, duplicates, stale reports and"
                    + " contradictions of a terminal state, over 1,024 payments in varied states."));
  }
}
