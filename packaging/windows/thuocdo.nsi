; The Windows installer of Thước Đo, built by `make windows` with Debian's makensis (3.08, 64-bit Unicode stub):
;   makensis -DVERSION=0.1.0 -DSOURCE=<folder with the three files> -DOUTFILE=<setup.exe> packaging/windows/thuocdo.nsi
; It installs the window (thuocdo-desktop.exe), the command line (thuocdo.exe) and WebView2Loader.dll under Program Files,
; with a Start-menu folder and an entry in "Apps & features" (Add/Remove Programs). The uninstaller removes the
; programs and never the office's data, which lives in each user's %LOCALAPPDATA%\thuocdo.
; The window needs Microsoft's WebView2 runtime: when it is missing the installer says what to install and where to
; find it, and installs anyway (the command line works without it). It downloads nothing itself.
; `/S` installs silently (the message about WebView2 is then only written to the install log).

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is required: makensis -DVERSION=0.1.0 …"
!endif
!ifndef SOURCE
  !error "SOURCE is required: the folder holding thuocdo-desktop.exe, thuocdo.exe and WebView2Loader.dll"
!endif
!ifndef SIZE_KB
  !define SIZE_KB 0
!endif
!ifndef OUTFILE
  !define OUTFILE "ThuocDo-${VERSION}-setup.exe"
!endif

!define PRODUCT "Thước Đo"
!define PUBLISHER "Thước Đo"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ThuocDo"
; The WebView2 runtime's client id, as Microsoft documents it for detecting an installed runtime.
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\ThuocDo"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Thuoc Do"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Thuoc Do setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "Thuoc Do"

!define MUI_ICON "${SOURCE}\icon.ico"
!define MUI_UNICON "${SOURCE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\thuocdo-desktop.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Gỡ chương trình Thước Đo khỏi máy này. Dữ liệu của văn phòng (thư mục thuocdo trong AppData\Local của mỗi người dùng) và các bản sao lưu được giữ nguyên."

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "Thước Đo cần Windows 64-bit (Windows 10 hoặc 11). Máy này chạy Windows 32-bit nên không cài được." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; Whether the WebView2 runtime is installed, for the machine or for this user ("pv" is its version; 0.0.0.0 or
; nothing means none).
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "WebView2 Runtime: chưa có (not installed)"
    MessageBox MB_OK|MB_ICONINFORMATION "Đã cài Thước Đo, nhưng máy này còn thiếu Microsoft Edge WebView2 Runtime, phần mềm miễn phí của Microsoft mà cửa sổ Thước Đo cần để hiển thị.$\r$\n$\r$\nCách cài: trên một máy có mạng, vào trang https://developer.microsoft.com/microsoft-edge/webview2/ , tải bản $\"Evergreen Standalone Installer$\" loại x64, chép sang máy này bằng USB và chạy tệp đó. Sau đó mở lại Thước Đo.$\r$\n$\r$\nTrong lúc chờ, chương trình dòng lệnh thuocdo.exe trong thư mục cài đặt vẫn dùng được." /SD IDOK
  ${Else}
    DetailPrint "WebView2 Runtime: $0"
  ${EndIf}
FunctionEnd

Section "Thước Đo" SectionMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Not "ThuocDo.exe": Windows names are case-blind, and thuocdo.exe (the command line) sits beside it.
  File "${SOURCE}\thuocdo-desktop.exe"
  File "${SOURCE}\thuocdo.exe"
  File "${SOURCE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; The Start menu for every user: the window, a command prompt in the program's folder, the uninstaller.
  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\Thước Đo"
  CreateShortcut "$SMPROGRAMS\Thước Đo\Thước Đo.lnk" "$INSTDIR\thuocdo-desktop.exe"
  CreateShortcut "$SMPROGRAMS\Thước Đo\Thước Đo (dòng lệnh).lnk" "$SYSDIR\cmd.exe" '/k "cd /d "$INSTDIR" && thuocdo --help"'
  CreateShortcut "$SMPROGRAMS\Thước Đo\Gỡ cài đặt Thước Đo.lnk" "$INSTDIR\Uninstall.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\thuocdo-desktop.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  ; The programs only: the office's data and backups are each user's own and stay.
  Delete "$INSTDIR\thuocdo-desktop.exe"
  Delete "$INSTDIR\thuocdo.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  SetShellVarContext all
  Delete "$SMPROGRAMS\Thước Đo\Thước Đo.lnk"
  Delete "$SMPROGRAMS\Thước Đo\Thước Đo (dòng lệnh).lnk"
  Delete "$SMPROGRAMS\Thước Đo\Gỡ cài đặt Thước Đo.lnk"
  RMDir "$SMPROGRAMS\Thước Đo"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
