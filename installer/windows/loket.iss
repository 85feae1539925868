; Inno Setup 6 script for Loket on Windows: installs the PyInstaller bundle
; (dist\loket, built by installer\pyinstaller\loket.spec on a Windows machine) for the
; whole computer, with Start-menu shortcuts; the data lives in the computer's data folder
; (C:\ProgramData\loket), which every user of the counter may write. Run again with a
; newer version, it upgrades in place (the same AppId): the data folder and the
; computer's settings are kept, and Loket migrates the database — after a backup — the
; first time it starts.
;
; Build (on Windows, from the repository's root; see README "Installing at a branch"):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.2.0 installer\windows\loket.iss
; Output: dist\loket-0.2.0-windows-x64-setup.exe
;
; Silent install for many counters (the regional IT desk):
;   loket-0.2.0-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /DBURL="postgresql+psycopg://loket@10.20.1.5/loket"
; without /DBURL the computer keeps its own SQLite database.

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=0.2.0 installer\windows\loket.iss
#endif

[Setup]
; never change the AppId: it is how a newer installer finds the one to upgrade
AppId={{8C1E5A44-3F0B-4C7A-9E2D-6B4F1A7C0D15}
AppName=Loket
AppVersion={#AppVersion}
AppVerName=Loket {#AppVersion}
AppPublisher=Loket
DefaultDirName={autopf}\Loket
DefaultGroupName=Loket
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=loket-{#AppVersion}-windows-x64-setup
SetupIconFile=..\loket.ico
UninstallDisplayIcon={app}\loket.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; an upgrade closes a running Loket (its database is committed after every step)
CloseApplications=force
RestartApplications=no
UsePreviousAppDir=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.KindTitle=Database of this computer / Basis data komputer ini
en.KindDescription=Which database does Loket use here? / Basis data mana yang dipakai Loket di sini?
en.KindOwn=This computer is the branch's only counter: its own database (SQLite) / Satu-satunya loket cabang: basis data sendiri (SQLite)
en.KindBranch=A counter of a branch with several: the branch's PostgreSQL / Salah satu loket cabang: PostgreSQL cabang
en.ServerTitle=Branch database server / Server basis data cabang
en.ServerDescription=Where the branch's PostgreSQL runs (its main computer). The password is asked after the installation and kept in Windows Credential Manager, never in a file. / Letak PostgreSQL cabang. Kata sandi ditanyakan sesudah pemasangan dan disimpan di Windows Credential Manager.
en.ServerHost=Computer (name or address) / Komputer (nama atau alamat):
en.ServerDatabase=Database / Basis data:
en.ServerUser=Account / Akun:
en.Connect=Connect this counter to the branch database (asks the password) / Sambungkan loket ini (menanyakan kata sandi)
en.AdminPrompt=Loket command prompt (loket-admin)

[Dirs]
; the computer's data folder: every user of the counter writes the database and backups;
; the uninstaller leaves it (and the data in it) where it is
Name: "{commonappdata}\loket"; Permissions: users-modify

[Files]
Source: "..\..\dist\loket\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\loket.ico"; DestDir: "{app}"; Flags: ignoreversion

[INI]
; the computer's settings (read by Loket: machine_database_url); kept on upgrade
Filename: "{commonappdata}\loket\loket.ini"; Section: "database"; Key: "url"; String: "{code:DatabaseUrl}"; Flags: createkeyifdoesntexist

[Icons]
Name: "{autoprograms}\Loket\Loket"; Filename: "{app}\loket.exe"; IconFilename: "{app}\loket.ico"
Name: "{autoprograms}\Loket\{cm:AdminPrompt}"; Filename: "{cmd}"; Parameters: "/k ""cd /d ""{app}"" && loket-admin --help"""; WorkingDir: "{app}"
Name: "{autodesktop}\Loket"; Filename: "{app}\loket.exe"; IconFilename: "{app}\loket.ico"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
; as the user who started the installer, so the password goes to that user's keyring
Filename: "{app}\loket-admin.exe"; Parameters: "connect ""{code:DatabaseUrl}"""; Description: "{cm:Connect}"; Flags: postinstall runasoriginaluser waituntilterminated; Check: IsBranchCounter
Filename: "{app}\loket.exe"; Description: "{cm:LaunchProgram,Loket}"; Flags: postinstall nowait skipifsilent unchecked

[Code]
var
  KindPage: TInputOptionWizardPage;
  ServerPage: TInputQueryWizardPage;
  WasConfigured: Boolean;  { before this run wrote anything: an upgrade }

function ConfigFile(): String;
begin
  Result := ExpandConstant('{commonappdata}\loket\loket.ini');
end;

function Configured(): Boolean;
begin
  { an upgrade, or a computer set up before: its settings stay as they are }
  Result := GetIniString('database', 'url', '', ConfigFile()) <> '';
end;

function SilentUrl(): String;
begin
  Result := ExpandConstant('{param:DBURL|}');
end;

procedure InitializeWizard();
begin
  WasConfigured := Configured();
  KindPage := CreateInputOptionPage(wpSelectDir, CustomMessage('KindTitle'),
    CustomMessage('KindDescription'), '', True, False);
  KindPage.Add(CustomMessage('KindOwn'));
  KindPage.Add(CustomMessage('KindBranch'));
  KindPage.Values[0] := True;
  ServerPage := CreateInputQueryPage(KindPage.ID, CustomMessage('ServerTitle'),
    CustomMessage('ServerDescription'), '');
  ServerPage.Add(CustomMessage('ServerHost'), False);
  ServerPage.Add(CustomMessage('ServerDatabase'), False);
  ServerPage.Add(CustomMessage('ServerUser'), False);
  ServerPage.Values[1] := 'loket';
  ServerPage.Values[2] := 'loket';
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := False;
  if (PageID = KindPage.ID) then
    Result := Configured();
  if (PageID = ServerPage.ID) then
    Result := Configured() or KindPage.Values[0];
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = ServerPage.ID) and
     ((Trim(ServerPage.Values[0]) = '') or (Trim(ServerPage.Values[1]) = '') or
      (Trim(ServerPage.Values[2]) = '')) then
  begin
    MsgBox(CustomMessage('ServerDescription'), mbError, MB_OK);
    Result := False;
  end;
end;

function DatabaseUrl(Param: String): String;
var
  Data: String;
begin
  if Configured() then
    Result := GetIniString('database', 'url', '', ConfigFile())
  else if SilentUrl() <> '' then
    Result := SilentUrl()
  else if (KindPage <> nil) and KindPage.Values[1] then
    Result := 'postgresql+psycopg://' + Trim(ServerPage.Values[2]) + '@' +
      Trim(ServerPage.Values[0]) + '/' + Trim(ServerPage.Values[1])
  else
  begin
    { the computer's own SQLite database, in the computer's data folder }
    Data := ExpandConstant('{commonappdata}\loket\loket.db');
    StringChangeEx(Data, '\', '/', True);
    Result := 'sqlite:///' + Data;
  end;
end;

function IsBranchCounter(): Boolean;
var
  Url: String;
begin
  Url := DatabaseUrl('');
  Result := (not WizardSilent()) and (not WasConfigured) and (Pos('postgresql', Url) = 1);
end;
