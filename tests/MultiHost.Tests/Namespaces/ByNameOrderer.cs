using Xunit.Abstractions;
using Xunit.Sdk;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>Runs a class's tests in the order of their names, so the undisturbed run comes before the disturbed ones it is compared with.</summary>
public sealed class ByNameOrderer : ITestCaseOrderer
{
    public const string TypeName = "K2Orleans.MultiHost.Tests.Namespaces.ByNameOrderer";

    public const string AssemblyName = "K2Orleans.MultiHost.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase => testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
