#!/usr/bin/env python3
"""Writes the inputs `make bench` measures with: sandbox states, desired-state files, SQL.

    fixtures.py github DIR LABELS           state-github.json, desired-github.yaml
    fixtures.py vercel DIR VARIABLES        state-vercel.json, desired-vercel.yaml
    fixtures.py supabase DIR TABLES         schema.sql, desired-supabase.yaml
    fixtures.py supabase-rls DIR TABLES     the same, each table with row-level security, a policy, an index
    fixtures.py validate DIR                desired-10k.yaml: 10,000 labels, 5,000 env vars, 500 tables

Every desired file matches its remote side exactly, so a plan reads everything and proposes
nothing: the benchmark measures reading and comparing, not rendering changes.
"""
import json
import sys


def github(directory, labels):
    state = {"github": {"next_id": labels + 10, "repos": {"acme/bench": {
        "owner": "acme", "name": "bench", "default_branch": "main",
        "labels": [{"id": i + 1, "name": "label-%05d" % i, "color": "ededed",
                    "description": "bench label %d" % i, "default": False} for i in range(labels)],
        "branch_protection": {},
    }}}}
    with open(directory + "/state-github.json", "w") as out:
        json.dump(state, out)
    with open(directory + "/desired-github.yaml", "w") as out:
        out.write("version: 1\ngithub:\n  labels:\n")
        out.writelines("    - { name: label-%05d, color: ededed, description: bench label %d }\n" % (i, i) for i in range(labels))
        out.write("  branchProtection:\n    - { branch: main, requiredReviews: 1 }\n")


def vercel(directory, variables):
    envs = [{"id": "env_%06d" % i, "key": "BENCH_VAR_%05d" % i, "value": "", "type": "encrypted",
             "target": ["production", "preview"], "createdAt": 1700000000000 + i, "updatedAt": 1700000000000 + i}
            for i in range(variables)]
    state = {"vercel": {"clock": 1700000000000 + variables, "next_id": variables + 1, "projects": {
        "prj_bench": {"name": "bench", "createdAt": 1700000000000, "envs": envs}}}}
    with open(directory + "/state-vercel.json", "w") as out:
        json.dump(state, out)
    with open(directory + "/desired-vercel.yaml", "w") as out:
        out.write("version: 1\nvercel:\n  envVars:\n")
        out.writelines("    - { key: BENCH_VAR_%05d, targets: [production, preview], type: encrypted }\n" % i for i in range(variables))


def supabase(directory, tables):
    with open(directory + "/schema.sql", "w") as out:
        out.write("begin;\n")
        out.writelines("create table public.bench_%05d (id bigint primary key, name text not null);\n" % i for i in range(tables))
        out.write("commit;\n")
    with open(directory + "/desired-supabase.yaml", "w") as out:
        out.write("version: 1\nsupabase:\n  tables:\n")
        for i in range(tables):
            out.write("    - name: bench_%05d\n      columns:\n"
                      "        - { name: id, type: bigint, nullable: false, primaryKey: true }\n"
                      "        - { name: name, type: text, nullable: false }\n" % i)


def supabase_rls(directory, tables):
    """Tables as Supabase projects declare them: row-level security, a policy, an index."""
    with open(directory + "/schema.sql", "w") as out:
        out.write("begin;\ncreate role authenticated nologin;\n")
        for i in range(tables):
            out.write("create table public.rls_%05d (id uuid primary key, owner_id uuid not null, title text);\n"
                      "create index rls_%05d_owner_idx on public.rls_%05d (owner_id);\n"
                      "alter table public.rls_%05d enable row level security;\n"
                      "create policy \"read own rows\" on public.rls_%05d for select to authenticated"
                      " using (owner_id::text = current_setting('request.jwt.claim.sub', true));\n" % ((i,) * 5))
        out.write("commit;\n")
    with open(directory + "/desired-supabase.yaml", "w") as out:
        out.write("version: 1\nsupabase:\n  tables:\n")
        for i in range(tables):
            out.write("    - name: rls_%05d\n      rls: true\n      columns:\n"
                      "        - { name: id, type: uuid, nullable: false, primaryKey: true }\n"
                      "        - { name: owner_id, type: uuid, nullable: false }\n"
                      "        - { name: title, type: text }\n"
                      "      indexes:\n        - { name: rls_%05d_owner_idx, columns: [owner_id] }\n"
                      "      rlsPolicies:\n        - name: read own rows\n          command: select\n"
                      "          roles: [authenticated]\n"
                      "          using: \"owner_id::text = current_setting('request.jwt.claim.sub', true)\"\n" % (i, i))


def validate(directory):
    with open(directory + "/desired-10k.yaml", "w") as out:
        out.write("version: 1\ngithub:\n  labels:\n")
        out.writelines("    - { name: label-%05d, color: ededed, description: bench label %d }\n" % (i, i) for i in range(10000))
        out.write("  branchProtection:\n    - { branch: main, requiredReviews: 1 }\n")
        out.write("vercel:\n  envVars:\n")
        out.writelines("    - key: BENCH_VAR_%05d\n      targets: [production, preview]\n      type: encrypted\n"
                       "      valueFrom: env:BENCH_VALUE_%05d\n" % (i, i) for i in range(5000))
        out.write("supabase:\n  tables:\n")
        for i in range(500):
            out.write("    - name: bench_%05d\n      rls: true\n      columns:\n"
                      "        - { name: id, type: uuid, nullable: false, primaryKey: true }\n"
                      "        - { name: owner_id, type: uuid, nullable: false }\n"
                      "        - { name: title, type: text, nullable: false }\n"
                      "        - { name: body, type: text }\n"
                      "        - { name: created_at, type: timestamptz, nullable: false, default: \"now()\" }\n"
                      "      indexes:\n"
                      "        - { name: bench_%05d_owner_idx, columns: [owner_id] }\n"
                      "      rlsPolicies:\n"
                      "        - name: read own rows\n          command: select\n          roles: [authenticated]\n"
                      "          using: \"auth.uid() = owner_id\"\n" % (i, i))


if __name__ == "__main__":
    kind, directory = sys.argv[1], sys.argv[2]
    if kind == "validate":
        validate(directory)
    else:
        {"github": github, "vercel": vercel, "supabase": supabase, "supabase-rls": supabase_rls}[kind](directory, int(sys.argv[3]))
