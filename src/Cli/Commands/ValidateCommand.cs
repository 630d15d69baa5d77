using System.CommandLine;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 validate SPEC.json</c>: checks the spec and decodes every image; lists every problem.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The trophy spec JSON file" };
        var command = new Command("validate", "Check a spec and its images, listing every problem") { spec };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec)!.FullName;
            var loaded = CliSpec.Load(path, new RenderingOptions(), decodeAssets: true, context.Error);
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            context.Out.WriteLine($"{path}: ok, {loaded.Value.Spec.Slots.Length} slots, {loaded.Value.Total} combinations");
            return ExitCodes.Success;
        });
        return command;
    }
}
