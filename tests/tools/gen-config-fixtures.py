#!/usr/bin/env python3
# Generates the .reg and netsh fixtures of tests/unit/data/config and
# tests/cli/data/sources (the generated files are committed; rerun after
# editing this script). Blobs are built from their fields with the layout of
# ../shared/docs/windows-proxy-settings.md §2-§3 and wrapped with regedit's
# rule (§4) -- an implementation independent of src/config, so the parser
# is checked against it. Usage: tests/tools/gen-config-fixtures.py [SRCDIR]
import os, struct, sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
UNIT = os.path.join(SRC, 'tests', 'unit', 'data', 'config')
CLI = os.path.join(SRC, 'tests', 'cli', 'data', 'sources')
IS = r'Software\Microsoft\Windows\CurrentVersion\Internet Settings'
CONN = IS + r'\Connections'
HKCU = r'HKEY_CURRENT_USER' + '\\' + CONN
HKLM = r'HKEY_LOCAL_MACHINE' + '\\' + CONN
def hku(sid): return 'HKEY_USERS\\' + sid + '\\' + CONN

def lstr(s):
    b = s.encode('latin-1') if isinstance(s, str) else s
    return struct.pack('<I', len(b)) + b

def wininet(flags, proxy='', bypass='', pac='', counter=1, version=0x46, trailer=None):
    if trailer is None: trailer = b'\x01\x00\x00\x00' + bytes(28)
    return struct.pack('<III', version, counter, flags) + lstr(proxy) + lstr(bypass) + lstr(pac) + trailer

def winhttp(flags, proxy='', bypass='', version=0x28, counter=0):
    return struct.pack('<III', version, counter, flags) + lstr(proxy) + lstr(bypass)

def hexval(name, data, kind='hex'):
    """regedit's REGPROC_export_binary wrapping: column limit 77."""
    head = '"%s"=%s:' % (name, kind)
    out, col = head, len(head)
    for i, b in enumerate(data):
        out += '%02x' % b
        if i == len(data) - 1: break
        out += ','
        col += 3
        if col >= 77:
            out += '\\\r\n  '
            col = 2
    return out

def regfile(blocks, ansi=False):
    text = ('REGEDIT4' if ansi else 'Windows Registry Editor Version 5.00') + '\r\n\r\n'
    for key, values in blocks:
        text += '[%s]\r\n' % key
        for v in values: text += v + '\r\n'
        text += '\r\n'
    return text.encode('latin-1') if ansi else b'\xff\xfe' + text.encode('utf-16-le')

def write(d, name, data):
    with open(os.path.join(d, name), 'wb') as f: f.write(data)

DIRECT56 = wininet(0x01, counter=0x0a, trailer=bytes(32))
LEGACY75 = wininet(0x0b, '127.0.0.1:80', '<local>', counter=0x51, trailer=bytes(32))
ALLFLAGS = wininet(0x0f, 'http://127.20.20.20:3128', 'home.crash.co.nz;fh.local;<local>',
                   'http://wpad.crash.co.nz/wpad.dat?version=2&site=crash&client=ie-all-flags-on')
IE6 = bytes.fromhex('3c0000001e00000001000000000000000000000000000000'
                    '01000000000000006079ba70e8cec40101000000c0a800bd0000000000000000')

def unit():
    write(UNIT, 'ie11-legacy-differs.reg', regfile([(HKCU, [
        hexval('DefaultConnectionSettings', DIRECT56), hexval('SavedLegacySettings', LEGACY75)])]))
    write(UNIT, 'ie6-regedit4.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings', IE6)])], ansi=True))
    write(UNIT, 'all-flags.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings', ALLFLAGS)])]))
    combos = [hexval('Flags%02x' % f, wininet(f, 'p.test:3128', '<local>', 'http://pac.test/p.pac'))
              for f in range(1, 16, 2)]
    write(UNIT, 'flag-combinations.reg', regfile([(HKCU, combos)]))
    write(UNIT, 'per-scheme.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings',
        wininet(0x03, 'http=a.test:80;https=b.test:443;socks=c.test:1080', '*.corp.test;10.*'))])]))
    longb = ';'.join('host%03d.branch.corp.test' % i for i in range(40))
    write(UNIT, 'long-bypass.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings',
        wininet(0x03, 'proxy.corp.test:8080', longb + ';<local>'))])]))
    write(UNIT, 'winhttp.reg', regfile([(HKLM, [
        hexval('WinHttpSettings', winhttp(0x01, version=0x18)),
        hexval('WinHttpReset', winhttp(0x01)),
        hexval('WinHttpManual', winhttp(0x03, 'a:42', '*.42'))])]))
    write(UNIT, 'bad-truncated.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings',
        wininet(0x03, 'proxy.corp.test:8080')[:30])])]))
    bad = bytearray(wininet(0x03, 'p:1')); bad[12:16] = b'\xff\xff\xff\xff'
    write(UNIT, 'bad-length.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings', bytes(bad))])]))
    write(UNIT, 'bad-version.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings',
        wininet(0x01, version=0x99))])]))
    write(UNIT, 'bad-short.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings', DIRECT56[:8])])]))
    write(UNIT, 'bad-winhttp-extra.reg', regfile([(HKLM, [hexval('WinHttpSettings',
        winhttp(0x01) + b'\x00')])]))
    text = regfile([(HKCU, [hexval('DefaultConnectionSettings', DIRECT56)])]).decode('utf-16')
    write(UNIT, 'bad-hex-byte.reg', b'\xff\xfe' + text.replace('0a,00', '0a,zz', 1).encode('utf-16-le'))
    cut = text.rstrip('\r\n')
    write(UNIT, 'bad-continuation.reg', b'\xff\xfe' + (cut[:cut.rindex('\\')] + '\\\r\n').encode('utf-16-le'))
    write(UNIT, 'bad-header.reg', b'\xff\xfe' + 'Windows Registry Editor Version 4.00\r\n'.encode('utf-16-le'))
    write(UNIT, 'bad-utf16-odd.reg', regfile([(HKCU, ['"x"=dword:00000001'])]) + b'\x41')
    write(UNIT, 'bad-utf16be.reg', b'\xfe\xff' + 'REGEDIT4\r\n'.encode('utf-16-be'))
    write(UNIT, 'bad-nobom.reg', 'Windows Registry Editor Version 5.00\r\n'.encode('utf-16-le'))
    write(UNIT, 'bad-hex-half.reg', regfile([(HKCU, ['"Cut"=hex:41,42,\\', '  43,4'])], ansi=True))
    write(UNIT, 'bad-hex-digit.reg', regfile([(HKCU, ['"One"=hex:41,4,42'])], ansi=True))
    write(UNIT, 'bad-dword.reg', regfile([(HKCU, ['"ProxyEnable"=dword:123456789'])]))
    write(UNIT, 'bad-value-outside-key.reg', b'REGEDIT4\r\n\r\n"ProxyEnable"=dword:00000001\r\n')
    write(UNIT, 'bad-unterminated-string.reg', b'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\x]\r\n"ProxyServer"="p:1\r\n')

def surrogate_fix():
    # Python cannot encode a lone surrogate: write the units by hand.
    head = regfile([(HKCU, ['"AB"=dword:00000001'])])
    write(UNIT, 'bad-surrogate.reg', head.replace('"AB"'.encode('utf-16-le'), '"A'.encode('utf-16-le') + b'\x00\xd8' + '"'.encode('utf-16-le')))

NETSH_DIRECT = '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n'
NETSH_PROXY = ('\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.corp.test:8080\r\n'
               '    Bypass List     :  <local>;*.corp.test\r\n\r\n')
NETSH_NONE = ('\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  http=a:80;https=b:443\r\n'
              '    Bypass List     :  (none)\r\n\r\n')
NETSH_DE = ('\r\nAktuelle WinHTTP-Proxyeinstellungen:\r\n\r\n    Proxyserver :  proxy.corp.test:8080\r\n'
            '    Umgehungsliste     :  (keine)\r\n\r\n')

def netsh(d):
    write(d, 'netsh-direct.txt', NETSH_DIRECT.encode())
    write(d, 'netsh-proxy.txt', NETSH_PROXY.encode())
    write(d, 'netsh-proxy-none.txt', NETSH_NONE.encode())
    write(d, 'netsh-localised.txt', NETSH_DE.encode())
    write(d, 'netsh-utf16.txt', b'\xff\xfe' + NETSH_PROXY.encode('utf-16-le'))
    write(d, 'netsh-empty.txt', b'\r\n\r\n')
    write(d, 'netsh-unknown-line.txt', (NETSH_PROXY + '    Auto detect :  yes\r\n').encode())

def cli():
    user = wininet(0x0b, 'proxy.corp.test:8080', '<local>;*.corp.test', counter=3)
    system = wininet(0x01, counter=1, trailer=bytes(32))
    write(CLI, 'corp.reg', regfile([
        (HKCU, [hexval('DefaultConnectionSettings', user), hexval('SavedLegacySettings', user)]),
        ('HKEY_CURRENT_USER\\' + IS, ['"ProxyEnable"=dword:00000001',
                                       '"ProxyServer"="proxy.corp.test:8080"',
                                       '"ProxyOverride"="<local>;*.corp.test"']),
        (hku('S-1-5-18'), [hexval('DefaultConnectionSettings', system)])]))
    write(CLI, 'localservice-pac.reg', regfile([(hku('S-1-5-19'), [hexval('DefaultConnectionSettings',
        wininet(0x05, '', '', 'http://pac.corp.test/proxy.pac', counter=2))])]))
    write(CLI, 'per-machine.reg', regfile([
        ('HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
         ['"ProxySettingsPerUser"=dword:00000000']),
        (HKLM, [hexval('DefaultConnectionSettings', wininet(0x03, 'machine.corp.test:3128', '<local>')),
                hexval('WinHttpSettings', winhttp(0x03, 'winhttp.corp.test:8080', '<local>'))])]))
    write(CLI, 'broken.reg', regfile([(hku('S-1-5-19'), [hexval('DefaultConnectionSettings',
        wininet(0x03, 'p.test:1')[:20])]), (hku('S-1-5-18'), [hexval('DefaultConnectionSettings', system)])]))
    write(CLI, 'bypass-cidr.reg', regfile([(HKCU, [hexval('DefaultConnectionSettings',
        wininet(0x03, 'proxy.corp.test:8080', '10.0.0.0/8;<localhost>;*.corp.test'))])]))
    # The expected --write-reg output for --for localsystem,localservice:
    # the user's blob as both values under each SID (checked by hand: 15
    # bytes on the first DefaultConnectionSettings line, 17 for
    # SavedLegacySettings, 25 per continuation line, CRLF, BOM).
    fix = [hexval('DefaultConnectionSettings', user), hexval('SavedLegacySettings', user)]
    write(CLI, 'fix-expected.reg', regfile([(hku('S-1-5-18'), fix), (hku('S-1-5-19'), fix)]))
    netsh(CLI)

os.makedirs(UNIT, exist_ok=True); os.makedirs(CLI, exist_ok=True)
unit(); surrogate_fix(); netsh(UNIT); cli()
