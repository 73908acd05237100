/** 往来对账单: one statement, the month-end batch, and the period helpers. */
export { statement, statementData, statementSpec, resolveCustomer } from "./statement";
export type { CompanyInfo, Statement, StatementData, StatementLine, StatementOptions } from "./statement";
export { statementPeriod, monthlyStatementCustomers, statementBatch } from "./batch";
