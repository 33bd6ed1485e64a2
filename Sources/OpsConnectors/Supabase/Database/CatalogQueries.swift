/// The catalog queries behind `SchemaReader` (docs/services/supabase.md, "Reading the schema").
/// Every query takes the same two bound parameters: `$1` the schemas as `text[]`, `$2` one table
/// name or NULL for all. Values are cast to text or JSON in SQL so their representation is fixed
/// here.
///
/// A generated column's expression sits in `pg_attrdef` like a default; it is read apart
/// (`attgenerated`), since it is no default and cannot be altered like one.
///
/// Columns come from `pg_attribute` with `format_type` rather than from
/// `information_schema.columns`: the former prints the canonical type with its modifiers and
/// array brackets (`character varying(20)`, `text[]`) and sees every column, while the latter
/// hides columns the role lacks privileges on.
enum CatalogQueries {
    /// Besides what is compared, what prune must know before it proposes a drop: the parent
    /// of a partition, the extension that owns the table, and the planner's row estimate
    /// (`reltuples`, -1 until the table was first analysed).
    static let tables = """
        select n.nspname as schema, c.relname as name, c.relrowsecurity::text as rls,
               c.relforcerowsecurity::text as rls_force,
               (select pn.nspname || '.' || pc.relname
                from pg_catalog.pg_inherits i
                join pg_catalog.pg_class pc on pc.oid = i.inhparent
                join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
                where c.relispartition and i.inhrelid = c.oid) as partition_of,
               (select e.extname from pg_catalog.pg_depend d
                join pg_catalog.pg_extension e on e.oid = d.refobjid
                where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid
                  and d.refclassid = 'pg_catalog.pg_extension'::regclass and d.deptype = 'e'
                limit 1) as extension,
               case when c.reltuples >= 0 then c.reltuples::bigint::text end as row_estimate
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        order by n.nspname, c.relname
        """

    static let columns = """
        select n.nspname as schema, c.relname as table, a.attname as name,
               pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
               (not a.attnotnull)::text as nullable,
               case when a.attgenerated = '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as default_expression,
               case when a.attgenerated = 's' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as generation_expression,
               case a.attidentity when 'a' then 'always' when 'd' then 'by default' end as identity,
               exists (
                   select 1 from pg_catalog.pg_index i
                   where i.indrelid = c.oid and i.indisprimary and a.attnum = any(i.indkey)
               )::text as primary_key
        from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        order by n.nspname, c.relname, a.attnum
        """

    /// Secondary indexes of the schemas' tables (the primary key's index is left out).
    static let indexes = indexes(where: """
        not i.indisprimary and t.relkind in ('r', 'p')
          and n.nspname = any($1::text[]) and ($2::text is null or t.relname = $2::text)
        """)

    /// Indexes in parts (`IndexSnapshot`), for the rows `filter` selects: keys as
    /// `pg_get_indexdef(oid, k, true)` prints them with their order and any operator class
    /// that is not its type's default, `INCLUDE` columns, the `WHERE`, the constraint the
    /// index implements, and in words what desired-state.yaml cannot declare (`NULLS FIRST`
    /// on an ascending key or `NULLS LAST` on a descending one, a collation other than the
    /// column's, storage parameters, `NULLS NOT DISTINCT`). The normaliser reads the indexes
    /// of its temporary copies with the same text, so both sides print alike.
    static func indexes(where filter: String) -> String {
        """
        select n.nspname as schema, t.relname as table, ic.relname as name, i.indisunique::text as unique,
               am.amname as method, i.indisvalid::text as valid, ic.relispartition::text as partition_child,
               pg_catalog.pg_get_indexdef(i.indexrelid) as definition,
               pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) as predicate,
               (select con.conname::text from pg_catalog.pg_constraint con
                where con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')
                limit 1) as constraint,
               pg_catalog.array_to_json(array(
                   select pg_catalog.json_build_object(
                       'expression', pg_catalog.pg_get_indexdef(i.indexrelid, k, true),
                       'descending', (i.indoption[k - 1] & 1) <> 0,
                       'operatorClass', case when not opc.opcdefault then opc.opcname::text end)
                   from pg_catalog.generate_series(1, i.indnkeyatts::int) as k
                   join pg_catalog.pg_opclass opc on opc.oid = i.indclass[k - 1]
                   order by k
               ))::text as keys,
               pg_catalog.array_to_json(array(
                   select pg_catalog.pg_get_indexdef(i.indexrelid, k, true)
                   from pg_catalog.generate_series(i.indnkeyatts::int + 1, i.indnatts::int) as k
                   order by k
               ))::text as include,
               pg_catalog.array_to_json(array(
                   select reason.text from (
                       select k as position,
                              'NULLS ' || case when (i.indoption[k - 1] & 2) <> 0 then 'FIRST' else 'LAST' end || ' on key ' || k as text
                       from pg_catalog.generate_series(1, i.indnkeyatts::int) as k
                       where ((i.indoption[k - 1] & 2) <> 0) <> ((i.indoption[k - 1] & 1) <> 0)
                       union all
                       select k, 'collation ' || coll.collname || ' on key ' || k
                       from pg_catalog.generate_series(1, i.indnkeyatts::int) as k
                       join pg_catalog.pg_collation coll on coll.oid = i.indcollation[k - 1]
                       where i.indcollation[k - 1] <> coalesce((
                           select a.attcollation from pg_catalog.pg_attribute a
                           where i.indkey[k - 1] <> 0 and a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1]
                       ), 100)
                       union all
                       select 1000, 'storage parameters (' || pg_catalog.array_to_string(ic.reloptions, ', ') || ')'
                       where ic.reloptions is not null
                       union all
                       select 1001, 'NULLS NOT DISTINCT' where i.indnullsnotdistinct
                   ) as reason
                   order by reason.position
               ))::text as inexpressible
        from pg_catalog.pg_index i
        join pg_catalog.pg_class ic on ic.oid = i.indexrelid
        join pg_catalog.pg_am am on am.oid = ic.relam
        join pg_catalog.pg_class t on t.oid = i.indrelid
        join pg_catalog.pg_namespace n on n.oid = t.relnamespace
        where \(filter)
        order by n.nspname, t.relname, ic.relname
        """
    }

    /// User triggers (not the internal ones behind foreign keys, nor a partition's clone of
    /// its parent's trigger), with `tgtype` as a number (bit 0 row, 1 before, 2 insert,
    /// 3 delete, 4 update, 5 truncate, 6 instead of) and what desired-state.yaml cannot
    /// declare: `UPDATE OF` columns, arguments, transition tables, constraint triggers.
    static let triggers = triggers(where: """
        c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        """)

    static func triggers(where filter: String) -> String {
        """
        select n.nspname as schema, c.relname as table, t.tgname as name, t.tgtype::int::text as type,
               fn.nspname as function_schema, p.proname as function_name, (t.tgenabled <> 'D')::text as enabled,
               pg_catalog.pg_get_triggerdef(t.oid, true) as definition,
               pg_catalog.array_to_json(array(
                   select reason from (
                       select 1 as position, 'UPDATE OF columns' as reason where t.tgattr::text <> ''
                       union all select 2, 'arguments' where t.tgnargs > 0
                       union all select 3, 'transition tables' where t.tgoldtable is not null or t.tgnewtable is not null
                       union all select 4, 'a constraint trigger' where t.tgconstraint <> 0
                   ) as reasons order by position
               ))::text as inexpressible
        from pg_catalog.pg_trigger t
        join pg_catalog.pg_class c on c.oid = t.tgrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_proc p on p.oid = t.tgfoid
        join pg_catalog.pg_namespace fn on fn.oid = p.pronamespace
        where not t.tgisinternal and t.tgparentid = 0 and \(filter)
        order by n.nspname, c.relname, t.tgname
        """
    }

    /// Plain functions of the schemas, not those an extension owns; `$2` is unused. The body
    /// (`prosrc`) comes apart for the functions whose definition quotes it verbatim, so
    /// `FunctionSnapshot` can compare it without its indentation.
    static let functions = functions(where: """
        n.nspname = any($1::text[]) and ($2::text is null or true)
          and not exists (
              select 1 from pg_catalog.pg_depend d
              where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
          )
        """)

    static func functions(where filter: String) -> String {
        """
        select n.nspname as schema, p.proname as name,
               pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_arguments,
               pg_catalog.pg_get_function_arguments(p.oid) as arguments,
               pg_catalog.pg_get_function_result(p.oid) as result,
               l.lanname as language, p.prosecdef::text as security_definer,
               case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
               pg_catalog.array_to_json(coalesce(p.proconfig, '{}'::text[]))::text as config,
               pg_catalog.pg_get_functiondef(p.oid) as definition,
               case when p.prosqlbody is null then p.prosrc end as source
        from pg_catalog.pg_proc p
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        join pg_catalog.pg_language l on l.oid = p.prolang
        where p.prokind = 'f' and \(filter)
        order by n.nspname, p.proname, 4
        """
    }

    /// Who may call each function: EXECUTE from the ACL or, when it was never changed, the
    /// default (PUBLIC and the owner); grantee 0 is PUBLIC, named `public`.
    static let functionGrants = """
        select n.nspname as schema, p.proname as name,
               pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_arguments,
               case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee)::text end as role
        from pg_catalog.pg_proc p
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        cross join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) as a
        where p.prokind = 'f' and a.privilege_type = 'EXECUTE'
          and n.nspname = any($1::text[]) and ($2::text is null or true)
        order by 1, 2, 3, 4
        """

    /// Role 0 in `polroles` means PUBLIC.
    static let policies = """
        select n.nspname as schema, c.relname as table, p.polname as name,
               case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                             when 'd' then 'DELETE' else 'ALL' end as command,
               p.polpermissive::text as permissive,
               pg_catalog.array_to_json(array(
                   select case when r = 0 then 'public' else pg_catalog.pg_get_userbyid(r)::text end as role
                   from pg_catalog.unnest(p.polroles) as r
                   order by 1
               ))::text as roles,
               pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using_expression,
               pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as check_expression
        from pg_catalog.pg_policy p
        join pg_catalog.pg_class c on c.oid = p.polrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        order by n.nspname, c.relname, p.polname
        """

    /// Table privileges per grantee role (PUBLIC left out), from the ACL or, when it was never
    /// changed, the owner-only default.
    static let grants = """
        select n.nspname as schema, c.relname as table, pg_catalog.pg_get_userbyid(a.grantee)::text as role,
               pg_catalog.array_to_json(array_agg(pg_catalog.lower(a.privilege_type) order by pg_catalog.lower(a.privilege_type)))::text as privileges
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        cross join lateral pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) as a
        where c.relkind in ('r', 'p') and a.grantee <> 0
          and n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        group by n.nspname, c.relname, a.grantee
        order by 1, 2, 3
        """

    /// Enum types of the schemas with their labels in sort order; `$2` is unused (an enum
    /// belongs to no table) but bound like every other query's.
    static let enums = """
        select n.nspname as schema, t.typname as name,
               pg_catalog.array_to_json(array(
                   select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder
               ))::text as labels
        from pg_catalog.pg_type t
        join pg_catalog.pg_namespace n on n.oid = t.typnamespace
        where t.typtype = 'e' and n.nspname = any($1::text[]) and ($2::text is null or true)
        order by n.nspname, t.typname
        """

    /// Foreign keys, check and unique constraints (the primary key belongs to the columns),
    /// with the columns in key order and the referenced table by schema and name.
    static let constraints = """
        select n.nspname as schema, c.relname as table, con.conname as name, con.contype::text as type,
               pg_catalog.pg_get_constraintdef(con.oid) as definition,
               pg_catalog.array_to_json(array(
                   select a.attname::text from pg_catalog.unnest(con.conkey) with ordinality as k(attnum, position)
                   join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                   order by k.position
               ))::text as columns,
               rn.nspname as referenced_schema, rc.relname as referenced_table,
               pg_catalog.array_to_json(array(
                   select a.attname::text from pg_catalog.unnest(con.confkey) with ordinality as k(attnum, position)
                   join pg_catalog.pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                   order by k.position
               ))::text as referenced_columns,
               con.confdeltype::text as on_delete
        from pg_catalog.pg_constraint con
        join pg_catalog.pg_class c on c.oid = con.conrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        left join pg_catalog.pg_class rc on rc.oid = con.confrelid
        left join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
        where con.contype in ('f', 'c', 'u') and con.conparentid = 0
          and n.nspname = any($1::text[]) and ($2::text is null or c.relname = $2::text)
        order by n.nspname, c.relname, con.conname
        """
}
