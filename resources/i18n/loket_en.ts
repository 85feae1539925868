<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../src/loket/app.py" line="71"/>
        <source>Loket tidak dapat dibuka</source>
        <translation>Loket cannot be opened</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../src/loket/ui/crash_dialog.py" line="30"/>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/crash_dialog.py" line="32"/>
        <source>Terjadi kesalahan yang tidak terduga (referensi {ref}). Pekerjaan Anda tetap terbuka; simpan bila bisa dan laporkan referensi ini ke admin cabang.</source>
        <translation>An unexpected error occurred (reference {ref}). Your work is still open; save it if you can and report this reference to the branch admin.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="31"/>
        <source>Petugas pelayanan</source>
        <translation>Counter staff</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="32"/>
        <source>Kepala bidang pelayanan</source>
        <translation>Head of service</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="33"/>
        <source>Admin cabang</source>
        <translation>Branch admin</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/home_page.py" line="38"/>
        <source>Selamat datang, {name}</source>
        <translation>Welcome, {name}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="60"/>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="62"/>
        <source>Masukkan kata sandi {user} untuk melanjutkan pekerjaan.</source>
        <translation>Enter the password of {user} to continue working.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="66"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/lock_screen.py" line="67"/>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="100"/>
        <source>Loket — Masuk</source>
        <translation>Loket — Log in</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="101"/>
        <source>Loket pelayanan</source>
        <translation>Service counter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="102"/>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="102"/>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="102"/>
        <source>L&amp;oket</source>
        <translation>C&amp;ounter</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="105"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="106"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/login_dialog.py" line="109"/>
        <source>Database belum disiapkan: jalankan &apos;loket-admin init&apos; atau demo.</source>
        <translation>The database is not set up yet: run &apos;loket-admin init&apos; or demo.</translation>
    </message>
</context>
<context>
    <name>LoketError</name>
    <message>
        <location filename="../../src/loket/services/permissions.py" line="51"/>
        <source>Peran {role} tidak berwenang untuk tindakan ini.</source>
        <translation>The {role} role is not allowed to do this.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="55"/>
        <location filename="../../src/loket/db/migrate.py" line="77"/>
        <source>{where} bukan database Loket; tidak ada yang diubah.</source>
        <translation>{where} is not a Loket database; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="61"/>
        <source>Database {where} dibuat oleh versi Loket yang lebih baru (skema {revision}). Perbarui aplikasi ini; database tidak diubah.</source>
        <translation>Database {where} was made by a newer Loket (schema {revision}). Update this application; the database was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="99"/>
        <source>Database {where} rusak dan tidak dapat dibuka ({detail}). Pulihkan dari cadangan; berkas tidak diubah.</source>
        <translation>Database {where} is damaged and cannot be opened ({detail}). Restore it from a backup; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../src/loket/db/migrate.py" line="119"/>
        <source>Tidak dapat terhubung ke database {where}: {detail}</source>
        <translation>Cannot connect to database {where}: {detail}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="38"/>
        <source>Jumlah uang belum diisi.</source>
        <translation>The amount is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="54"/>
        <location filename="../../src/loket/domain/money.py" line="68"/>
        <source>Jumlah uang tidak valid: {text}</source>
        <translation>Not a valid amount: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="58"/>
        <source>Rupiah tidak memakai pecahan sen: {text}</source>
        <translation>Rupiah have no fractions: {text}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/money.py" line="122"/>
        <source>Jumlah terlalu besar untuk ditulis dengan huruf: {amount}</source>
        <translation>Amount too large to write in words: {amount}</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="52"/>
        <location filename="../../src/loket/domain/nik.py" line="108"/>
        <source>Tanggal lahir dalam NIK tidak ada: {date}.</source>
        <translation>The birth date in the NIK does not exist: {date}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="60"/>
        <source>Tanggal lahir dalam NIK ada di masa depan: {date}.</source>
        <translation>The birth date in the NIK is in the future: {date}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="64"/>
        <source>Tanggal lahir dalam NIK berarti umur lebih dari {years} tahun.</source>
        <translation>The birth date in the NIK means an age over {years} years.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="81"/>
        <source>NIK belum diisi.</source>
        <translation>The NIK is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="83"/>
        <source>NIK hanya boleh berisi angka.</source>
        <translation>The NIK may contain digits only.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="86"/>
        <source>NIK harus 16 angka, bukan {length}.</source>
        <translation>The NIK must have 16 digits, not {length}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="91"/>
        <source>Kode provinsi {code} dalam NIK tidak dikenal.</source>
        <translation>Province code {code} in the NIK is unknown.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="96"/>
        <source>Kode kabupaten/kota dalam NIK tidak boleh 00.</source>
        <translation>The regency/city code in the NIK cannot be 00.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="100"/>
        <source>Kode kecamatan dalam NIK tidak boleh 00.</source>
        <translation>The district code in the NIK cannot be 00.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/nik.py" line="113"/>
        <source>Nomor urut NIK tidak boleh 0000.</source>
        <translation>The NIK serial number cannot be 0000.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="21"/>
        <source>Kata sandi minimal {minimum} karakter.</source>
        <translation>The password needs at least {minimum} characters.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="26"/>
        <source>Kata sandi tidak boleh diawali atau diakhiri spasi.</source>
        <translation>The password cannot start or end with a space.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="30"/>
        <source>Kata sandi tidak boleh memuat nama pengguna.</source>
        <translation>The password cannot contain the username.</translation>
    </message>
    <message>
        <location filename="../../src/loket/domain/passwords.py" line="33"/>
        <source>Kata sandi terlalu mudah ditebak.</source>
        <translation>The password is too easy to guess.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="35"/>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="43"/>
        <source>Akun terkunci karena {count} kali salah kata sandi. Coba lagi pukul {time} atau minta admin mengatur ulang kata sandi.</source>
        <translation>The account is locked after {count} wrong passwords. Try again at {time} or ask an admin to reset the password.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="117"/>
        <source>Nama pengguna belum diisi.</source>
        <translation>The username is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/auth.py" line="146"/>
        <source>Pilih loket tempat Anda bertugas.</source>
        <translation>Choose the counter you serve at.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="52"/>
        <source>Database belum disiapkan: jalankan &apos;loket-admin init --branch-code …&apos;.</source>
        <translation>The database is not set up yet: run &apos;loket-admin init --branch-code …&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="82"/>
        <source>Kode cabang harus 3–8 huruf besar atau angka, misalnya BJM.</source>
        <translation>The branch code must be 3–8 capital letters or digits, e.g. BJM.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="89"/>
        <source>Nama cabang belum diisi.</source>
        <translation>The branch name is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="94"/>
        <source>Kode provinsi {code} tidak dikenal.</source>
        <translation>Province code {code} is unknown.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/branch.py" line="102"/>
        <source>Database ini sudah milik cabang {code} ({name}).</source>
        <translation>This database already belongs to branch {code} ({name}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/settings.py" line="36"/>
        <source>Batas diam harus antara 1 dan 120 menit.</source>
        <translation>The idle limit must be between 1 and 120 minutes.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="47"/>
        <source>Pengguna {username} tidak ada.</source>
        <translation>There is no user {username}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="69"/>
        <source>Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.</source>
        <translation>A username has 3–32 characters: lowercase letters, digits, dot, underscore or hyphen, starting with a letter.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="78"/>
        <source>Nama lengkap belum diisi.</source>
        <translation>The full name is empty.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="84"/>
        <source>Peran {role} tidak dikenal (staff, supervisor, admin).</source>
        <translation>Unknown role {role} (staff, supervisor, admin).</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="95"/>
        <source>Database belum disiapkan untuk sebuah cabang.</source>
        <translation>The database is not set up for a branch yet.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="99"/>
        <source>Nama pengguna {username} sudah dipakai.</source>
        <translation>Username {username} is already taken.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="144"/>
        <source>Anda tidak dapat menonaktifkan akun Anda sendiri.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <location filename="../../src/loket/services/users.py" line="155"/>
        <source>Admin aktif terakhir tidak dapat dinonaktifkan.</source>
        <translation>The last active admin cannot be disabled.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="124"/>
        <source>Loket — {branch}</source>
        <translation>Loket — {branch}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="128"/>
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="129"/>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="131"/>
        <source>Pengguna: {name} ({user})</source>
        <translation>User: {name} ({user})</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="133"/>
        <source>Cabang: {code}</source>
        <translation>Branch: {code}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="135"/>
        <source>Loket: {name}</source>
        <translation>Counter: {name}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="135"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="137"/>
        <source>Database: {db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/main_window.py" line="138"/>
        <source>Sinkronisasi: belum diatur</source>
        <translation>Sync: not configured</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="21"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="22"/>
        <source>Cari peserta</source>
        <translation>Find participant</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="25"/>
        <source>Pendaftaran peserta</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="29"/>
        <source>Pembayaran iuran</source>
        <translation>Contribution payments</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="32"/>
        <source>Klaim &amp; serah terima</source>
        <translation>Claims &amp; handover</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="34"/>
        <source>Persetujuan</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="35"/>
        <source>Rekap harian</source>
        <translation>Daily closing</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="36"/>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="39"/>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="41"/>
        <source>Sementara gunakan &apos;loket-admin user add|list|disable|enable|reset-password&apos; di komputer ini.</source>
        <translation>Meanwhile use &apos;loket-admin user add|list|disable|enable|reset-password&apos; on this computer.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="49"/>
        <source>Cabang, loket &amp; printer</source>
        <translation>Branch, counters &amp; printers</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="51"/>
        <source>Sementara gunakan &apos;loket-admin counter add|list&apos;.</source>
        <translation>Meanwhile use &apos;loket-admin counter add|list&apos;.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="53"/>
        <source>Server pusat</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/registry.py" line="54"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/placeholder_page.py" line="34"/>
        <source>Segera hadir — fitur ini sedang dikembangkan.</source>
        <translation>Coming soon — this feature is being built.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="78"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="80"/>
        <source>&amp;Bahasa tampilan</source>
        <translation>Display &amp;language</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="81"/>
        <source>&amp;Kunci layar setelah diam</source>
        <translation>&amp;Lock screen after idle</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="82"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="83"/>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="87"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="88"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="90"/>
        <source>Berlaku untuk semua loket di cabang ini.</source>
        <translation>Applies to every counter in this branch.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="92"/>
        <source>Hanya kepala bidang atau admin yang dapat mengubahnya.</source>
        <translation>Only a head of service or an admin can change this.</translation>
    </message>
    <message>
        <location filename="../../src/loket/ui/pages/settings_page.py" line="110"/>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../src/loket/cli.py" line="37"/>
        <source>Kata sandi tidak terbaca dari input standar.</source>
        <translation>No password could be read from standard input.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="40"/>
        <source>Kata sandi baru untuk {user}: </source>
        <translation>New password for {user}: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="42"/>
        <source>Ulangi kata sandi: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="43"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="50"/>
        <source>--branch-code dan --branch-name harus diisi bersama.</source>
        <translation>--branch-code and --branch-name go together.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="60"/>
        <source>Cabang {code} ({name}) disiapkan dengan Loket 1.</source>
        <translation>Branch {code} ({name}) set up with Loket 1.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="65"/>
        <source>Database siap: {db} (skema {rev}).</source>
        <translation>Database ready: {db} (schema {rev}).</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="71"/>
        <source>Belum ada cabang: jalankan &apos;loket-admin init --branch-code …&apos; atau demo.</source>
        <translation>No branch yet: run &apos;loket-admin init --branch-code …&apos; or demo.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="83"/>
        <source>Database sudah berisi cabang {code}; demo tidak dibuat.</source>
        <translation>The database already holds branch {code}; no demo created.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="88"/>
        <source>Cabang demo KC Banjarmasin (BJM) dibuat di {db}.</source>
        <translation>Demo branch KC Banjarmasin (BJM) created in {db}.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="89"/>
        <source>Catat kata sandi ini; hanya ditampilkan sekali:</source>
        <translation>Note these passwords; they are shown only once:</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="101"/>
        <source>Pengguna {user} ({role}) ditambahkan.</source>
        <translation>User {user} ({role}) added.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="110"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="110"/>
        <source>nonaktif</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="112"/>
        <source>(terkunci sampai {time})</source>
        <translation>(locked until {time})</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="127"/>
        <source>Pengguna {user} dinonaktifkan.</source>
        <translation>User {user} disabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="133"/>
        <source>Pengguna {user} diaktifkan.</source>
        <translation>User {user} enabled.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="139"/>
        <source>Kata sandi {user} diatur ulang; kunci akun dibuka.</source>
        <translation>Password of {user} reset; the account is unlocked.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="145"/>
        <source>{name} (nomor {number}) ditambahkan.</source>
        <translation>{name} (number {number}) added.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="158"/>
        <source>Rantai audit utuh: {count} entri diperiksa.</source>
        <translation>Audit chain intact: {count} entries checked.</translation>
    </message>
    <message>
        <location filename="../../src/loket/cli.py" line="161"/>
        <source>Rantai audit RUSAK pada entri {seq}: {problem} ({count} entri sebelumnya utuh).</source>
        <translation>Audit chain BROKEN at entry {seq}: {problem} ({count} earlier entries intact).</translation>
    </message>
</context>
</TS>
