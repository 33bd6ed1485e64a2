#ifndef OPSCTL_CLIBPQ_SHIM_H
#define OPSCTL_CLIBPQ_SHIM_H

#include <postgresql/libpq-fe.h>
#include <dlfcn.h>
#include <stddef.h>

/* libpq is opened with dlopen when a command first talks to PostgreSQL (the Supabase scope, a
   receipts log in a database), not by the dynamic loader at every start: with the Kerberos,
   LDAP and TLS libraries it pulls in, it cost every command a few milliseconds of start-up
   (docs/performance.md). Each field has the type of libpq-fe.h's own prototype. */
struct opsctl_pq_api {
    __typeof__(&PQconnectdbParams) connectdbParams;
    __typeof__(&PQstatus) status;
    __typeof__(&PQerrorMessage) errorMessage;
    __typeof__(&PQfinish) finish;
    __typeof__(&PQsetNoticeProcessor) setNoticeProcessor;
    __typeof__(&PQconninfoParse) conninfoParse;
    __typeof__(&PQconninfoFree) conninfoFree;
    __typeof__(&PQfreemem) freemem;
    __typeof__(&PQexec) exec;
    __typeof__(&PQexecParams) execParams;
    __typeof__(&PQsendQueryParams) sendQueryParams;
    __typeof__(&PQsetSingleRowMode) setSingleRowMode;
    __typeof__(&PQgetResult) getResult;
    __typeof__(&PQisBusy) isBusy;
    __typeof__(&PQconsumeInput) consumeInput;
    __typeof__(&PQresultStatus) resultStatus;
    __typeof__(&PQresultErrorField) resultErrorField;
    __typeof__(&PQclear) clear;
    __typeof__(&PQntuples) ntuples;
    __typeof__(&PQnfields) nfields;
    __typeof__(&PQfname) fname;
    __typeof__(&PQgetvalue) getvalue;
    __typeof__(&PQgetlength) getlength;
    __typeof__(&PQgetisnull) getisnull;
    /* Pipeline mode (libpq 14 and later), optional: NULL with an older library, and the
       statements then go one round trip at a time. */
    __typeof__(&PQenterPipelineMode) enterPipelineMode;
    __typeof__(&PQexitPipelineMode) exitPipelineMode;
    __typeof__(&PQpipelineSync) pipelineSync;
};

#define OPSCTL_PQ_RESOLVE(field, symbol) \
    if ((*(void **)&api->field = dlsym(library, #symbol)) == NULL) return #symbol;

/* Fills `api` from a handle dlopen returned: NULL when every function was found, else the name
   of the first that was not. */
static inline const char *opsctl_pq_resolve(void *library, struct opsctl_pq_api *api) {
    OPSCTL_PQ_RESOLVE(connectdbParams, PQconnectdbParams)
    OPSCTL_PQ_RESOLVE(status, PQstatus)
    OPSCTL_PQ_RESOLVE(errorMessage, PQerrorMessage)
    OPSCTL_PQ_RESOLVE(finish, PQfinish)
    OPSCTL_PQ_RESOLVE(setNoticeProcessor, PQsetNoticeProcessor)
    OPSCTL_PQ_RESOLVE(conninfoParse, PQconninfoParse)
    OPSCTL_PQ_RESOLVE(conninfoFree, PQconninfoFree)
    OPSCTL_PQ_RESOLVE(freemem, PQfreemem)
    OPSCTL_PQ_RESOLVE(exec, PQexec)
    OPSCTL_PQ_RESOLVE(execParams, PQexecParams)
    OPSCTL_PQ_RESOLVE(sendQueryParams, PQsendQueryParams)
    OPSCTL_PQ_RESOLVE(setSingleRowMode, PQsetSingleRowMode)
    OPSCTL_PQ_RESOLVE(getResult, PQgetResult)
    OPSCTL_PQ_RESOLVE(isBusy, PQisBusy)
    OPSCTL_PQ_RESOLVE(consumeInput, PQconsumeInput)
    OPSCTL_PQ_RESOLVE(resultStatus, PQresultStatus)
    OPSCTL_PQ_RESOLVE(resultErrorField, PQresultErrorField)
    OPSCTL_PQ_RESOLVE(clear, PQclear)
    OPSCTL_PQ_RESOLVE(ntuples, PQntuples)
    OPSCTL_PQ_RESOLVE(nfields, PQnfields)
    OPSCTL_PQ_RESOLVE(fname, PQfname)
    OPSCTL_PQ_RESOLVE(getvalue, PQgetvalue)
    OPSCTL_PQ_RESOLVE(getlength, PQgetlength)
    OPSCTL_PQ_RESOLVE(getisnull, PQgetisnull)
    *(void **)&api->enterPipelineMode = dlsym(library, "PQenterPipelineMode");
    *(void **)&api->exitPipelineMode = dlsym(library, "PQexitPipelineMode");
    *(void **)&api->pipelineSync = dlsym(library, "PQpipelineSync");
    if (api->enterPipelineMode == NULL || api->exitPipelineMode == NULL || api->pipelineSync == NULL) {
        api->enterPipelineMode = NULL;
    }
    return NULL;
}

#undef OPSCTL_PQ_RESOLVE

#endif
