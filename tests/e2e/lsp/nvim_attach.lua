-- Neovim's built-in LSP client attached to `piiflow lsp`, as docs/editors.md
-- configures it: opens the file given in PIIFLOW_FILE, waits for piiflow's
-- diagnostics and writes them as JSON to PIIFLOW_OUT, then quits.
local piiflow = os.getenv('PIIFLOW_BIN')
local root = os.getenv('PIIFLOW_ROOT')
local out = os.getenv('PIIFLOW_OUT')
local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PIIFLOW_FILE')))
local id = vim.lsp.start_client({
  name = 'piiflow',
  cmd = { piiflow, 'lsp', '--no-config' },
  root_dir = root,
  init_options = { buildDir = 'build' },
})
if not id then
  finish({ error = 'the client did not start' })
end
vim.lsp.buf_attach_client(0, id)
-- the deadline only ends a broken run; a working one ends on the diagnostic
local ok = vim.wait(300000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local got = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(got, {
    lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source,
    code = lsp.code, related = #(lsp.relatedInformation or {}),
  })
end
vim.lsp.stop_client(id)
finish({ ok = ok, diagnostics = got })
