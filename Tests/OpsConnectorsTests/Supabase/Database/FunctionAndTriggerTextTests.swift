import OpsCore
import Testing

@testable import OpsConnectors

/// The text handling behind function and trigger comparison, without a server.
@Suite("Supabase function and trigger text")
struct FunctionAndTriggerTextTests {
    @Test func aBodyComparesWithoutItsIndentationAndSurroundingBlankLines() {
        let fromMigration = "\n    begin\n      return new;   \n    end;\n\n"
        let fromYAML = "begin\n  return new;\nend;\n"
        #expect(FunctionBody.canonical(fromMigration) == FunctionBody.canonical(fromYAML))
        #expect(FunctionBody.canonical(fromYAML) == "begin\n  return new;\nend;")
        #expect(FunctionBody.canonical("begin\n\treturn old;\nend;") != FunctionBody.canonical(fromYAML), "what the body does still counts")
    }

    @Test func theDefinitionKeepsItsHeaderAndTakesTheRealName() {
        let printed = "CREATE OR REPLACE FUNCTION pg_temp.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\n  begin\n  end\n$function$\n"
        let normalised = FunctionSnapshot.normalisedDefinition(printed, source: "\n  begin\n  end\n", realName: "public.touch")
        #expect(normalised == "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nbegin\nend\n$function$\n")
    }

    @Test func theWhenConditionIsCutFromTheServersDefinition() {
        let definition = "CREATE TRIGGER t BEFORE UPDATE ON profiles FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION touch()"
        #expect(TriggerSnapshot.whenCondition(inDefinition: definition) == "(old.* IS DISTINCT FROM new.*)")
        #expect(TriggerSnapshot.whenCondition(inDefinition: "CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()") == nil)
    }

    @Test func triggerTypeBitsReadAsTimingEventsAndLevel() {
        // 1 row + 2 before + 4 insert + 16 update
        let trigger = TriggerSnapshot(name: "t", type: 23, function: "public.f", when: nil, enabled: true, inexpressible: [])
        #expect(trigger.timing == "before" && trigger.events == ["insert", "update"] && trigger.level == "row")
        let statement = TriggerSnapshot(name: "t", type: 8 | 32, function: "public.f", when: nil, enabled: true, inexpressible: [])
        #expect(statement.timing == "after" && statement.events == ["delete", "truncate"] && statement.level == "statement")
    }

    @Test func aFunctionIsCreatedWithADollarTagItsBodyDoesNotUse() {
        let function = SupabaseFunction(name: "f", returns: "text", language: "sql", body: "select '$opsctl$'", searchPath: "")
        let sql = SchemaSQL.createFunction(function)
        #expect(sql.hasPrefix("create or replace function public.f()\n    returns text\n    language sql\n    volatile\n    set search_path = ''\nas $opsctl1$\n"))
        #expect(sql.hasSuffix("\n$opsctl1$"))
    }
}
