/// The ER diagram in Graphviz's DOT language (for `dot -Tsvg`): one box per table listing its columns, one arrow
/// per foreign key from the referencing table to the referenced one.
public enum ERDiagramDOT {
    /// The DOT text.
    public static func render(_ catalog: SchemaCatalog) -> String {
        let names = ERNames(catalog)
        var text = "digraph schema {\n"
        text += "  graph [rankdir=LR, fontname=\"Helvetica\", bgcolor=\"white\"];\n"
        text += "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
        text += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n"
        for table in catalog.tables {
            let keys = ERNames.keyColumns(table)
            var label = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
            label += "<tr><td bgcolor=\"#dde6f5\" colspan=\"2\"><b>\(html(table.qualifiedName))</b></td></tr>"
            for column in table.columns {
                var name = html(column.name)
                if keys.primary.contains(column.name) { name = "<u>" + name + "</u>" }
                if keys.foreign.contains(column.name) { name = "<i>" + name + "</i>" }
                label += "<tr><td align=\"left\">\(name)</td><td align=\"left\">\(html(column.type))</td></tr>"
            }
            label += "</table>"
            text += "  \(names.id(table.qualifiedName)) [label=<\(label)>];\n"
        }
        for table in catalog.tables {
            for constraint in table.constraints where constraint.kind == .foreignKey {
                guard let target = constraint.references else { continue }
                text += "  \(names.id(table.qualifiedName)) -> \(names.id(target)) [tooltip=\"\(html(constraint.name))\"];\n"
            }
        }
        return text + "}\n"
    }

    /// `&`, `<`, `>` and `"` escaped for HTML (and Graphviz's HTML-like labels).
    static func html(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
