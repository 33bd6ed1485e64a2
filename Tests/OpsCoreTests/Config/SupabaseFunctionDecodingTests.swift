import Testing

@testable import OpsCore

/// Functions, their EXECUTE grants and triggers in desired-state.yaml.
@Suite("Supabase functions and triggers")
struct SupabaseFunctionDecodingTests {
    @Test func aSignupFunctionAndItsTriggerDecode() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              functions:
                - name: public.handle_new_user
                  returns: trigger
                  securityDefiner: true
                  searchPath: ""
                  body: |
                    begin
                      insert into public.profiles (id) values (new.id);
                      return new;
                    end;
                  grants:
                    - { role: public, privileges: [] }
                    - { role: authenticated, privileges: [execute] }
                - name: is_member_of
                  arguments: "org uuid"
                  returns: boolean
                  language: sql
                  volatility: stable
                  body: select true
              tables:
                - name: auth.users
                  triggers:
                    - { name: on_auth_user_created, timing: after, events: [insert], function: public.handle_new_user }
                - name: profiles
                  columns:
                    - { name: id, type: uuid, primaryKey: true }
                  triggers:
                    - name: profiles_touch
                      timing: before
                      events: [update, insert, update]
                      forEach: row
                      function: touch_updated_at
                      when: "old.* is distinct from new.*"
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let functions = try #require(result.model?.supabase?.functions)
        #expect(functions.count == 2)
        #expect(functions[0].schema == "public" && functions[0].name == "handle_new_user" && functions[0].arguments == "")
        #expect(functions[0].securityDefiner && functions[0].searchPath == "" && functions[0].language == "plpgsql")
        #expect(functions[0].volatility == .volatile && functions[0].body.hasPrefix("begin\n"))
        #expect(functions[0].grants.map(\.role) == ["public", "authenticated"])
        #expect(functions[0].grants.map(\.execute) == [false, true])
        #expect(functions[1].arguments == "org uuid" && functions[1].volatility == .stable && functions[1].searchPath == nil)
        let tables = try #require(result.model?.supabase?.tables)
        #expect(tables[0].schema == "auth" && tables[0].triggers.map(\.name) == ["on_auth_user_created"])
        let touch = try #require(tables[1].triggers.first)
        #expect(touch.events == [.insert, .update], "sorted, each once")
        #expect(touch.functionSchema == "public" && touch.functionName == "touch_updated_at")
        #expect(touch.when == "old.* is distinct from new.*" && touch.level == .row && touch.timing == .before)
    }

    @Test func aSecurityDefinerFunctionWithoutSearchPathIsWarnedAbout() {
        let result = ConfigFixture.desiredState("""
            supabase:
              functions:
                - { name: f, returns: void, securityDefiner: true, body: "begin end" }
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        #expect(result.warnings.first?.message.contains("without a search_path") == true, "\(result.summary)")
    }

    @Test(arguments: [
        ("{ name: f, returns: void, body: x, volatile: true }", "4:42", "unknown key 'volatile'"),
        ("{ name: f, returns: void, body: x, volatility: pure }", "4:54", "expected one of immutable, stable, volatile"),
        ("{ name: f, body: x }", "4:7", "missing the required key 'returns'"),
        ("{ name: f, returns: void, body: x, grants: [{ role: anon, privileges: [select] }] }", "4:78", "expected one of execute"),
    ])
    func functionMistakesAreReportedWhereTheyAre(entry: String, place: String, words: String) {
        let result = ConfigFixture.desiredState("""
            supabase:
              functions:
                - { name: ok, returns: void, body: x }
                - \(entry)
            """)
        #expect(result.errors.count == 1, "\(result.summary)")
        #expect(result.errors.first?.message.contains(words) == true, "\(result.summary)")
        #expect(result.errors.first?.lineColumn == place, "\(result.summary)")
    }

    @Test(arguments: [
        ("{ name: t, timing: during, events: [insert], function: f }", "expected one of before, after"),
        ("{ name: t, timing: before, events: [], function: f }", "must list at least one event"),
        ("{ name: t, timing: before, events: [insert], function: f, forEach: statement, when: 'new.x' }", "needs forEach: row"),
        ("{ name: t, timing: before, events: [insert], function: f, arguments: [a] }", "unknown key 'arguments'"),
    ])
    func triggerMistakesAreReported(entry: String, words: String) {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  triggers:
                    - \(entry)
            """)
        #expect(result.errors.count == 1, "\(result.summary)")
        #expect(result.errors.first?.message.contains(words) == true, "\(result.summary)")
    }
}

/// Index shapes in desired-state.yaml: method, keys with order and operator class,
/// expressions, INCLUDE and WHERE.
@Suite("Supabase index shapes")
struct SupabaseIndexDecodingTests {
    @Test func everyShapeDecodes() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: documents
                  columns:
                    - { name: org_id, type: uuid }
                    - { name: title, type: text }
                    - { name: search, type: tsvector }
                    - { name: created_at, type: timestamptz }
                  indexes:
                    - { name: documents_search_idx, using: gin, columns: [search] }
                    - { name: documents_title_trgm_idx, using: gin, columns: [{ column: title, opclass: gin_trgm_ops }] }
                    - name: documents_recent_idx
                      columns: [org_id, { column: created_at, order: desc }]
                      include: [title]
                      where: "title is not null"
                    - { name: documents_lower_title_key, unique: true, columns: [{ expression: "lower(title)" }] }
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let indexes = try #require(result.model?.supabase?.tables.first?.indexes)
        #expect(indexes[0].method == .gin && indexes[0].keys == [.init(.column("search"))])
        #expect(indexes[1].keys == [.init(.column("title"), operatorClass: "gin_trgm_ops")])
        #expect(indexes[2].method == .btree && indexes[2].keys == [.init(.column("org_id")), .init(.column("created_at"), descending: true)])
        #expect(indexes[2].include == ["title"] && indexes[2].predicate == "title is not null")
        #expect(indexes[3].unique && indexes[3].keys == [.init(.expression("lower(title)"))])
    }

    @Test(arguments: [
        ("{ name: i, using: gin, unique: true, columns: [a] }", "only btree indexes can be unique"),
        ("{ name: i, using: gin, columns: [{ column: a, order: desc }] }", "only btree keys have an order"),
        ("{ name: i, using: bloom, columns: [a] }", "expected one of btree, hash, gist, spgist, gin, brin"),
        ("{ name: i, columns: [{ column: a, expression: 'lower(a)' }] }", "a column or an expression, not both"),
        ("{ name: i, columns: [a], include: [b] }", "names 'b', which is not a column of this table"),
        ("{ name: i, columns: [a], partial: 'a > 0' }", "unknown key 'partial'"),
    ])
    func shapeMistakesAreReported(entry: String, words: String) {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  columns:
                    - { name: a, type: text }
                  indexes:
                    - \(entry)
            """)
        #expect(result.errors.count == 1, "\(result.summary)")
        #expect(result.errors.first?.message.contains(words) == true, "\(result.summary)")
    }
}
