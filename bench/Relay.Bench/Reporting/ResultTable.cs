using System.Text;

namespace Relay.Bench.Reporting;

/// <summary>The human-readable result of a run: sections of name/value rows, printed aligned.</summary>
internal sealed class ResultTable(string title)
{
    private readonly List<(string? Section, string Name, string Value)> _rows = [];
    private string? _section;

    public ResultTable Section(string name)
    {
        _section = name;
        return this;
    }

    public ResultTable Row(string name, string value)
    {
        _rows.Add((_section, name, value));
        return this;
    }

    public ResultTable Row(string name, FormattableString value) => Row(name, FormattableString.Invariant(value));

    public override string ToString()
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(row => row.Name.Length);
        var text = new StringBuilder().AppendLine().AppendLine(title).AppendLine(new string('=', title.Length));
        string? section = null;
        foreach (var (rowSection, name, value) in _rows)
        {
            if (rowSection != section && rowSection is not null)
            {
                text.AppendLine().AppendLine(rowSection);
            }

            section = rowSection;
            text.Append("  ").Append(name.PadRight(width)).Append("  ").AppendLine(value);
        }

        return text.ToString();
    }
}
