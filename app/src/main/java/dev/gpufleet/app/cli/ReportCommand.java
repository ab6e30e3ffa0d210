package dev.gpufleet.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/// `gpufleet report`: the reports over a window of fleet time; `waste` is the first.
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports over a window of fleet time.",
        subcommands = WasteCommand.class)
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UserError("report: name a report, e.g. 'gpufleet report waste --demo'. See 'gpufleet report --help'.", 2);
    }
}
