"""Files out of csdesk: the orders workbook (`orders_xlsx`), whose columns (`csdesk_columns`)
are also what `importing.format_csdesk` reads back, and the formula-safety rule every
spreadsheet writer follows (`safe_text`)."""
